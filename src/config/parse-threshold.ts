import type { Threshold } from "../analysis/verdict.js";

/** What a relative threshold looks like (`10%`, `2.5 %`); exported for the JSON schema. */
export const PERCENT_PATTERN = /^\s*(\d+(\.\d+)?)\s*%\s*$/;

/**
 * Reads a threshold as written in kaizen.yml: a percentage string is relative to the baseline
 * (`"10%"` → 0.1), a plain number is absolute in the metric's unit. Null when it is neither, or negative.
 */
export function parseThreshold(value: string | number): Threshold | null {
  if (typeof value === "number") {
    return Number.isFinite(value) && value >= 0 ? { kind: "absolute", value } : null;
  }
  const match = PERCENT_PATTERN.exec(value);
  return match ? { kind: "relative", value: Number(match[1]) / 100 } : null;
}
