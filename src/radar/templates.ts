import { templateRenderer } from "../markdown/render-template.js";
import type { RadarReviewContext } from "./model/build-radar-review.js";

/** templates/radar/: each template's context type, keyed by its file name without `.md.hbs`. */
export interface RadarTemplates {
  "radar-review": RadarReviewContext;
  "radar-moved": RadarMovedContext;
  "radar-problem": RadarProblemContext;
  "radar-command-moved": RadarCommandMovedContext;
  "radar-command-refused": RadarCommandRefusedContext;
  "radar-command-help": RadarCommandHelpContext;
  "radar-command-failed": { login: string };
  "radar-trend-problem": RadarTrendProblemContext;
}

export const renderRadarTemplate = templateRenderer<RadarTemplates>("radar");

/** A ring or quadrant change made with labels, announced on the issue (templates/radar/radar-moved.md.hbs). */
export interface RadarMovedContext {
  marker: string;
  /** "ring" or "quadrant". */
  field: string;
  /** Names as people read them ("Assess"). */
  from: string;
  to: string;
  /** Who added the label; null when unknown. */
  actor: string | null;
}

/** Why the labels of a radar item cannot be used, and how to fix them (templates/radar/radar-problem.md.hbs). */
export interface RadarProblemContext {
  marker: string;
  /** One sentence per problem, each saying how to fix it. */
  problems: string[];
  /** The state the item keeps meanwhile: its ring and quadrant as people read them; null for a new item. */
  kept: { ring: string; quadrant: string } | null;
  /** Example labels of a valid item, like `ring:assess` and `quadrant:tools`. */
  example: { ring: string; quadrant: string };
}

/** The announcement of a move made with `/radar move` (templates/radar/radar-command-moved.md.hbs). */
export interface RadarCommandMovedContext {
  marker: string;
  /** Ring names as people read them ("Assess"). */
  from: string;
  to: string;
  login: string;
  reason: string;
}

/** The reply to someone without write access (templates/radar/radar-command-refused.md.hbs). */
export interface RadarCommandRefusedContext {
  login: string;
  /** The ring the item stays in, as people read it. */
  ring: string;
  /** The label someone with access could add instead, like `ring:trial`. */
  ringLabel: string;
}

/** The reply to a command that moves nothing, with how to write one (templates/radar/radar-command-help.md.hbs). */
export interface RadarCommandHelpContext {
  login: string;
  /** A sentence that follows "@login, ". */
  problem: string;
  rings: string[];
  /** A ring for the example. */
  example: string;
}

/** Why a market trend's labels cannot be used, and how to fix them (templates/radar/radar-trend-problem.md.hbs). */
export interface RadarTrendProblemContext {
  marker: string;
  /** One sentence per problem, each saying how to fix it. */
  problems: string[];
  /** The direction and impact the trend keeps meanwhile; null for a new trend. */
  kept: { trend: string; impact: string } | null;
  /** Example labels of a valid trend, like `trend:rising` and `impact:high`. */
  example: { trend: string; impact: string };
}
