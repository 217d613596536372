import type { HelperOptions } from "handlebars";
import { formatThreshold, type Threshold, type Verdict, type VerdictExplanation } from "../analysis/verdict.js";
import type { TimeWindow } from "../analysis/time-window.js";
import { checkTitle, formatNoise, formatNumber, formatPercent, formatPValue, formatTime, formatWindow, sortByVerdict, verdictLabel } from "./format.js";
import { codeBlock, codeSpan, inlineText, linkDestination, markdownLink } from "./markdown.js";

/** What the verdict helpers need of a metric: its verdict and the warnings behind it. */
interface Judged {
  result: { verdict: Verdict; explanation?: { warnings: readonly unknown[] } | null };
}

type HandlebarsEnv = Pick<typeof import("handlebars"), "registerHelper" | "SafeString">;

/*
 * Handlebars appends its options object to every helper call; each helper takes its own arguments and
 * ignores the rest, so templates read `{{num value unit}}`, `{{code query cell=true}}`.
 */
const HELPERS = {
  /** A value with its unit: `{{num result.baseline.median unit}}`. */
  num: (value: number | null, unit: string) => formatNumber(value, unit),
  /** A signed change with its unit: `{{signedNum result.changeAbs unit}}`. */
  signedNum: (value: number | null, unit: string) => formatNumber(value, unit, { signed: true }),
  pct: (value: number | null) => formatPercent(value),
  /** Two decimals, signed: effect sizes and correlations, `{{fixed2 result.explanation.effectSize signed=true}}`. */
  fixed2: (value: number | null | undefined, options: HelperOptions) =>
    value === null || value === undefined ? "—" : `${options.hash["signed"] === true && value > 0 ? "+" : ""}${value.toFixed(2)}`,
  /** Whole samples: `{{whole result.explanation.effectiveN.baseline}}`. */
  whole: (value: number) => String(Math.round(value)),
  noise: (noise: VerdictExplanation["noise"] | undefined, threshold: Threshold, unit: string) => formatNoise(noise, threshold, unit),
  /** The baseline IQR a relative change was measured against near 0, else null (stored results may predate it). */
  spreadScale: (explanation: VerdictExplanation) => (explanation.relativeTo?.of === "spread" ? explanation.relativeTo.value : null),
  /** The mean size |x| a relative change was measured against when the median and the IQR are both 0, else null. */
  magnitudeScale: (explanation: VerdictExplanation) => (explanation.relativeTo?.of === "magnitude" ? explanation.relativeTo.value : null),
  /** The grid step of a quantised metric, else null. */
  gridStep: (explanation: VerdictExplanation) => explanation.quantum ?? null,
  /** `{{pValue p}}` → "< 0.001"; `{{pValue p prose=true}}` → "p < 0.001". */
  pValue: (value: number | null, options: HelperOptions) => formatPValue(value, { prose: options.hash["prose"] === true }),
  threshold: (threshold: Threshold, unit: string) => formatThreshold(threshold, unit),
  verdict: (verdict: Verdict) => verdictLabel(verdict),
  time: (date: Date) => formatTime(date),
  window: (window: TimeWindow) => formatWindow(window),
  /** `{{link "graph" graphUrl}}`; "—" when the URL is null. */
  link: (label: string, url: string | null) => markdownLink(String(label), url),
  /** A link destination Kaizen got from GitHub: `[#{{number}}]({{url pull.url}})` (http(s) only, encoded). */
  url: (url: string | null) => linkDestination(url),
  shortSha: (sha: string) => sha.slice(0, 7),
  code: (value: string, options: HelperOptions) => codeSpan(String(value), { inTable: options.hash["cell"] === true }),
  codeBlock: (value: string) => codeBlock(String(value)),
  title: (metrics: Judged[]) => checkTitle(metrics.map((m) => m.result.verdict)),
  sortByVerdict: (metrics: Judged[]) => sortByVerdict(metrics),
  withVerdict: (metrics: Judged[], verdict: Verdict) => metrics.filter((m) => m.result.verdict === verdict),
  /** The metrics no mute holds back: a muted one is measured but raises no alert. */
  unmuted: (metrics: Array<{ feedback?: { mute: unknown } | null }>) => metrics.filter((m) => !m.feedback?.mute),
  eq: (a: unknown, b: unknown) => a === b,
  /** What a person wrote (a reason), on one line, inert like every field, @mentions kept from pinging anyone. */
  said: (value: unknown) => inlineText(value).replace(/@(?=[A-Za-z0-9])/g, "@\u200b"),
  hasWarnings: (metrics: Judged[]) => metrics.some((m) => (m.result.explanation?.warnings.length ?? 0) > 0),
  /** "1 metric" / "3 metrics". */
  plural: (count: number, singular: string, plural: string) => `${count} ${count === 1 ? singular : plural}`,
};

/**
 * Registers the formatting helpers the templates use; rendering is not allowed to format numbers by itself.
 * A helper's text is finished Markdown, made from inert parts: it is marked safe so the default escaping of
 * `{{…}}` (inlineText, see render-template.ts) leaves it as it is.
 */
export function registerTemplateHelpers(handlebars: HandlebarsEnv): void {
  for (const [name, helper] of Object.entries(HELPERS)) {
    const safe = (...args: unknown[]) => {
      const result = (helper as (...a: unknown[]) => unknown)(...args);
      return typeof result === "string" ? new handlebars.SafeString(result) : result;
    };
    handlebars.registerHelper(name, safe);
  }
  /*
   * User text on one line, inert (no mention, reference, link or HTML) and safe in a table cell. Every plain
   * `{{field}}` goes through this too (see render-template.ts), helpers' safe output unchanged; `{{text …}}`
   * says so where it matters.
   */
  handlebars.registerHelper("text", (value: unknown) =>
    value instanceof handlebars.SafeString ? value : new handlebars.SafeString(inlineText(value)),
  );
}
