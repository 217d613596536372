import { z } from "zod";
import { duration, fixHints } from "../config-fields.js";
import { radarNameProblems } from "../radar-name-problems.js";
import { CronExpressionParser } from "cron-parser";

const CRON_FIX = "Use five cron fields (minute hour day-of-month month day-of-week) in UTC, like `0 9 * 1,4,7,10 1#1`.";

const Cron = z
  .string()
  .refine(isCron, { error: (issue) => `\`${String(issue.input)}\` is not a cron expression.` })
  .register(fixHints, { fix: CRON_FIX });

/** A ring or quadrant name as it appears after its label prefix; compared case-insensitively. */
const RadarName = z
  .string()
  .trim()
  .min(1)
  .regex(/^\S+$/, { error: (issue) => `\`${String(issue.input)}\` has a space in it.` })
  .register(fixHints, { fix: "Use one word or words joined with `-`, like `languages-and-frameworks`." });

/** The regular review issue of the radar. */
export const RadarReviewConfig = z.strictObject({
  schedule: Cron.default("0 9 * 1,4,7,10 1#1").meta({
    description: "When a review issue is opened: a cron expression in UTC; the default is 09:00 on the first Monday of each quarter.",
  }),
  stale_after: duration("180d", "Items whose ring has not changed and that were not reviewed for this long are listed as stale."),
  labels: z
    .array(z.string().min(1))
    .prefault(["radar-review"])
    .meta({ description: "Labels put on the review issue." }),
});

/** A tech radar kept from the repository's issues: labels place each item. */
export const RadarConfig = z
  .strictObject({
    label: z.string().min(1).default("radar").meta({ description: "Issues with this label are radar items." }),
    trend_label: z.string().min(1).default("market-trend").meta({ description: "Issues with this label are market trends." }),
    rings: z
      .array(RadarName)
      .min(1)
      .prefault(["adopt", "trial", "assess", "hold"])
      .meta({ description: "Ring names, innermost first: the order says which moves are inward and which outward." }),
    quadrants: z
      .array(RadarName)
      .min(1)
      .prefault(["techniques", "tools", "platforms", "languages-and-frameworks"])
      .meta({ description: "Quadrant names." }),
    ring_prefix: z.string().min(1).default("ring:").meta({ description: "Prefix of ring labels, like `ring:adopt`." }),
    quadrant_prefix: z.string().min(1).default("quadrant:").meta({ description: "Prefix of quadrant labels, like `quadrant:tools`." }),
    trend_prefix: z.string().min(1).default("trend:").meta({ description: "Prefix of a trend's direction label: `trend:rising`, `trend:steady` or `trend:declining`." }),
    impact_prefix: z.string().min(1).default("impact:").meta({ description: "Prefix of a trend's impact label: `impact:high`, `impact:medium` or `impact:low`." }),
    proposal_ring: RadarName.default("assess").meta({ description: "Ring of new proposals, which the review ranks by 👍 reactions; one of `rings`." }),
    review: RadarReviewConfig.prefault({}).meta({ description: "The regular review issue." }),
  })
  .superRefine((radar, ctx) => {
    for (const problem of radarNameProblems(radar)) ctx.addIssue({ code: "custom", ...problem });
  });

/**
 * Whether `text` is a five-field cron expression the scheduler accepts. Checked with the parser pg-boss schedules
 * with, so a bad `radar.review.schedule` is reported when the config is read rather than when the job is created.
 */
export function isCron(text: string): boolean {
  if (text.trim().split(/\s+/).length !== 5) return false;
  try {
    CronExpressionParser.parse(text, { tz: "UTC" });
    return true;
  } catch {
    return false;
  }
}
