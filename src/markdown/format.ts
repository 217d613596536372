import type { TimeWindow } from "../analysis/time-window.js";
import { noiseText } from "../analysis/compare-windows.js";
import type { Threshold, Verdict, VerdictExplanation } from "../analysis/verdict.js";

/**
 * A measured value for people: three significant digits below 1 000 (enough to tell levels apart, few enough
 * to read), whole numbers with thousands grouped from 1 000 up, the unit after a space, "—" when there is no value.
 * With `signed`, positive values get a "+" so a change reads as a change.
 */
export function formatNumber(value: number | null, unit = "", options: { signed?: boolean } = {}): string {
  if (value === null || !Number.isFinite(value)) return "—";
  const rounded = Math.abs(value) >= 1000 ? Math.round(value) : Number(value.toPrecision(3));
  const digits = Math.abs(rounded) >= 1000 ? rounded.toLocaleString("en-US") : String(rounded);
  const sign = options.signed && rounded > 0 ? "+" : "";
  const text = rounded === 0 ? "0" : `${sign}${digits}`;
  return unit ? `${text} ${unit}` : text;
}

/** A relative change as "+50.0 %" / "-12.3 %" / "0.0 %" (one decimal, always signed); "—" when unknown. */
export function formatPercent(pct: number | null): string {
  if (pct === null || !Number.isFinite(pct)) return "—";
  const rounded = Math.round(pct * 10) / 10;
  if (rounded === 0) return "0.0 %";
  return `${rounded > 0 ? "+" : ""}${rounded.toFixed(1)} %`;
}

/**
 * A p-value to three decimals, "< 0.001" below that (more digits only suggest false precision); "—" when the
 * test did not run. With `prose`, it reads inside a sentence: "p < 0.001", "p = 0.004", "no test".
 */
export function formatPValue(p: number | null, options: { prose?: boolean } = {}): string {
  if (p === null || !Number.isFinite(p)) return options.prose ? "no test" : "—";
  const text = p < 0.001 ? "< 0.001" : p.toFixed(3);
  if (!options.prose) return text;
  return p < 0.001 ? `p ${text}` : `p = ${text}`;
}

/** An instant as ISO 8601 in UTC to the second ("2026-05-01T12:00:00Z"): unambiguous for every reader's time zone. */
export function formatTime(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, "Z");
}

/** A window as "start → end (1 h 30 min)". */
export function formatWindow(window: TimeWindow): string {
  return `${formatTime(window.start)} → ${formatTime(window.end)} (${formatDuration(window.end.getTime() - window.start.getTime())})`;
}

function formatDuration(ms: number): string {
  const seconds = Math.round(ms / 1000);
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.round(seconds / 60);
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  if (hours === 0) return `${minutes} min`;
  return rest === 0 ? `${hours} h` : `${hours} h ${rest} min`;
}

/**
 * A metric's noise in the same terms as its threshold and worded as in the verdict's reason, so the two can be
 * compared at a glance: "±2.1 % between quiet windows (6 earlier pairs)"; says why when there is no estimate.
 */
export function formatNoise(noise: VerdictExplanation["noise"] | undefined, threshold: Threshold, unit: string): string {
  if (!noise) return "not estimated (fewer than 3 earlier window pairs with data)";
  const size = noiseText(noise, { threshold });
  const withUnit = threshold.kind === "absolute" && unit ? size.replace(/^(±\S+)/, `$1 ${unit}`) : size;
  const estimate = `${withUnit} (${noise.windows} earlier ${noise.windows === 1 ? "pair" : "pairs"})`;
  const excluded = noise.excluded ?? [];
  const trend = noise.trend
    ? `; it drifts smoothly, and a straight line through each earlier baseline carried forward misses its candidate by ±${formatNumber(noise.trend.absolute, unit)}`
    : "";
  if (excluded.length === 0) return `${estimate}${trend}`;
  const changes = excluded.map((change) => formatNumber(change, unit, { signed: true })).join(", ");
  const pairs = excluded.length === 1 ? "1 earlier pair, whose median moved" : `${excluded.length} earlier pairs, whose medians moved`;
  return `${estimate}; left out ${pairs} ${changes}: far beyond the others, so an earlier change rather than noise${trend}`;
}

const LABELS: Record<Verdict, string> = {
  regression: "🔴 Regression",
  improvement: "🟢 Improvement",
  "no-change": "⚪ No change",
  inconclusive: "🟡 Inconclusive",
};

/** The verdict as a word with a colour emoji, so it can be scanned in a long table. */
export function verdictLabel(verdict: Verdict): string {
  return LABELS[verdict];
}

/** Reading order of verdicts: what needs action first. */
export const VERDICT_ORDER: readonly Verdict[] = ["regression", "improvement", "no-change", "inconclusive"];

/** A copy of the metrics, regressions first, then improvements, no change, inconclusive; config order within each. */
export function sortByVerdict<T extends { result: { verdict: Verdict } }>(metrics: readonly T[]): T[] {
  return [...metrics].sort((a, b) => VERDICT_ORDER.indexOf(a.result.verdict) - VERDICT_ORDER.indexOf(b.result.verdict));
}

const WORDS: Record<Verdict, [singular: string, plural: string]> = {
  regression: ["regression", "regressions"],
  improvement: ["improvement", "improvements"],
  "no-change": ["no change", "no change"],
  inconclusive: ["inconclusive", "inconclusive"],
};

/** The one-line check-run title, e.g. "1 regression, 2 no change, 1 inconclusive". */
export function checkTitle(verdicts: readonly Verdict[]): string {
  const parts = VERDICT_ORDER.flatMap((verdict) => {
    const count = verdicts.filter((v) => v === verdict).length;
    if (count === 0) return [];
    const [singular, plural] = WORDS[verdict];
    return [`${count} ${count === 1 ? singular : plural}`];
  });
  return parts.length > 0 ? parts.join(", ") : "No metrics evaluated";
}
