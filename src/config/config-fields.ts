import { z } from "zod";
import { DURATION_PATTERN, parseDuration } from "./parse-duration.js";
import { PERCENT_PATTERN, parseThreshold } from "./parse-threshold.js";

/**
 * How to fix a value of a given field, for fields whose rules a type name cannot convey. Kept out of
 * `.meta()` so it never leaks into the published JSON schema. Register after `.meta()`: meta clones.
 */
export const fixHints = z.registry<{ fix: string }>();

const DURATION_FIX = "Use a number and a unit (ms, s, m, h or d), like `30s`, `10m` or `1h30m`.";
const THRESHOLD_FIX =
  "Use a percentage like `10%` (relative to the baseline) or a number like `0.05` (absolute, in the metric's unit).";

/** A duration like `10m`, in milliseconds once parsed. */
export function durationValue() {
  return z
    .string()
    .regex(DURATION_PATTERN, { error: (issue) => `\`${String(issue.input)}\` is not a duration.` })
    .transform((text, ctx) => {
      const ms = parseDuration(text);
      if (ms === null) {
        ctx.addIssue({ code: "custom", message: `\`${text}\` is not a duration.`, params: { fix: DURATION_FIX } });
        return z.NEVER;
      }
      return ms;
    })
    .register(fixHints, { fix: DURATION_FIX });
}

/** A duration field with its default and description. */
export function duration(defaultText: string, description: string) {
  return durationValue()
    .prefault(defaultText)
    .meta({ description: `${description} A duration like \`30s\`, \`10m\` or \`1h30m\`.` });
}

const ThresholdInput = z.union([
  z.string().regex(PERCENT_PATTERN, { error: (issue) => `\`${String(issue.input)}\` is not a threshold.` }),
  z.number().min(0),
]);

/** A threshold: `10%` (relative) or `0.05` (absolute, in the unit). */
export const ThresholdSetting = ThresholdInput.transform((value, ctx) => {
  const threshold = parseThreshold(value);
  if (threshold === null) {
    ctx.addIssue({ code: "custom", message: `\`${value}\` is not a threshold.`, params: { fix: THRESHOLD_FIX } });
    return z.NEVER;
  }
  return threshold;
}).register(fixHints, { fix: THRESHOLD_FIX });
