import { templateRenderer } from "../markdown/render-template.js";

/** templates/dora/: each template's context type, keyed by its file name without `.md.hbs`. */
export interface DoraTemplates {
  "dora-digest": DoraDigestContext;
}

export const renderDoraTemplate = templateRenderer<DoraTemplates>("dora");

/** The weekly digest issue (templates/dora/dora-digest.md.hbs); values already formatted. */
export interface DoraDigestContext {
  marker: string;
  repo: string;
  environments: string;
  week: string;
  keys: Array<{ name: string; value: string; rule: string }>;
  failed: Array<{ id: number; sha: string; why: string; recovered: string }>;
  bandsNote: string;
  /** The DORA page on Kaizen's dashboard (every week, with charts); null without KAIZEN_PUBLIC_URL. */
  dashboard: string | null;
}
