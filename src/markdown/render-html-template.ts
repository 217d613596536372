import Handlebars from "handlebars";
import { formatNumber, formatPercent, formatPValue, formatTime } from "./format.js";
import { templateFolderRenderer } from "./template-folder-renderer.js";

/** Renders one of a folder's HTML templates with its typed context. */
export type RenderHtmlTemplate<Contexts> = <N extends keyof Contexts & string>(name: N, context: Contexts[N]) => string;

/**
 * A renderer for the dashboard's pages, `templates/<folder>/<name>.html.hbs` (partials `_<name>.html.hbs`), typed
 * like {@link templateRenderer}'s Markdown. Unlike Markdown, HTML escaping is on: every `{{value}}` is escaped for
 * text and quoted attributes, so user text (titles, names, reasons) can never open a tag. The only raw output is
 * `{{{json value}}}`, which is safe inside `<script type="application/json">`. Compiled once, on first use.
 */
export function htmlTemplateRenderer<Contexts>(folder: string): RenderHtmlTemplate<Contexts> {
  return templateFolderRenderer(folder, ".html.hbs", (handlebars) => {
    for (const [name, helper] of Object.entries(HELPERS)) handlebars.registerHelper(name, helper);
  });
}

/**
 * JSON for a `<script type="application/json">` element: `<` (so no `</script>` or `<!--` can end or bend the
 * element), `>`, `&` and the two line separators JavaScript once treated as newlines are written as \u escapes.
 */
export function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
}

const HELPERS = {
  /** `{{{json chart}}}`: a data block's contents (raw output, escaped for a script element by scriptJson). */
  json: (value: unknown) => new Handlebars.SafeString(scriptJson(value)),
  /** `{{time date}}` → `2026-08-02T12:00:00Z`. */
  time: (date: Date) => formatTime(date),
  /** `{{day date}}` → `2026-08-02`. */
  day: (date: Date) => date.toISOString().slice(0, 10),
  eq: (a: unknown, b: unknown) => a === b,
  num: (value: number | null, unit: string) => formatNumber(value, typeof unit === "string" ? unit : ""),
  pct: (value: number | null) => formatPercent(value),
  pValue: (value: number | null) => formatPValue(value),
  shortSha: (sha: string) => sha.slice(0, 7),
  /** A path segment: `{{segment metric}}` escapes `/`, `?`, `#` so a name stays one segment. */
  segment: (value: string) => encodeURIComponent(String(value)),
};
