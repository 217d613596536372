import { z } from "zod";
import { isCron } from "./is-cron.js";
import { DURATION_PATTERN, parseDuration } from "./parse-duration.js";
import { PERCENT_PATTERN, parseThreshold } from "./parse-threshold.js";
import { radarNameProblems } from "./radar-name-problems.js";

/**
 * How to fix a value of a given field, for fields whose rules a type name cannot convey. Kept out of
 * `.meta()` so it never leaks into the published JSON schema. Register after `.meta()`: meta clones.
 */
export const fixHints = z.registry<{ fix: string }>();

const DURATION_FIX = "Use a number and a unit (ms, s, m, h or d), like `30s`, `10m` or `1h30m`.";
const THRESHOLD_FIX =
  "Use a percentage like `10%` (relative to the baseline) or a number like `0.05` (absolute, in the metric's unit).";

const QUERY_FIX =
  "Write a query that returns one series, like `histogram_quantile(0.95, sum by (le) (rate(http_request_duration_seconds_bucket{env=\"{{environment}}\"}[5m])))`.";

function durationValue() {
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

function duration(defaultText: string, description: string) {
  return durationValue()
    .prefault(defaultText)
    .meta({ description: `${description} A duration like \`30s\`, \`10m\` or \`1h30m\`.` });
}

const ThresholdInput = z.union([
  z.string().regex(PERCENT_PATTERN, { error: (issue) => `\`${String(issue.input)}\` is not a threshold.` }),
  z.number().min(0),
]);

const Threshold = ThresholdInput.transform((value, ctx) => {
  const threshold = parseThreshold(value);
  if (threshold === null) {
    ctx.addIssue({ code: "custom", message: `\`${value}\` is not a threshold.`, params: { fix: THRESHOLD_FIX } });
    return z.NEVER;
  }
  return threshold;
}).register(fixHints, { fix: THRESHOLD_FIX });

/** When and where deployments are evaluated. */
export const DeploymentsConfig = z.strictObject({
  environments: z
    .array(z.string().min(1))
    .min(1)
    .prefault(["production"])
    .meta({ description: "Deployment environments to evaluate; deployments to any other environment are ignored." }),
  soak: duration("10m", "How long to wait after a successful deployment before measuring it."),
  window: duration("30m", "Length of the before and after windows that are compared."),
  step: duration("30s", "Resolution of the samples queried within each window."),
  baseline: z
    .enum(["previous-window", "same-window-yesterday", "same-window-last-week"])
    .default("previous-window")
    .meta({
      description:
        "What the after window is compared with: the window just before the deployment, or the same hours one day or one week earlier (for metrics with a daily or weekly rhythm).",
    }),
  noise_windows: z
    .int()
    .min(0)
    .max(24)
    .default(6)
    .meta({
      description:
        "How many earlier quiet window pairs are measured to estimate each metric's own noise, shown in reports and used to ignore moves that size; 0 turns the estimate off.",
    }),
});

/** One metric to compare before and after each deployment. */
export const MetricConfig = z
  .strictObject({
    name: z
      .string()
      .trim()
      .min(1)
      .meta({ description: "Name shown in reports; unique within this file." })
      .register(fixHints, { fix: "Give the metric a short name that is unique in this file, like `p95 latency`." }),
    source: z.string().min(1).optional().meta({
      description:
        "Metrics source to query, by the name the Kaizen operator gave it. May be left out when the operator has only one source.",
    }),
    query: z
      .string()
      .min(1)
      .meta({
        description:
          "Query returning one series. May use `{{environment}}`, `{{sha}}`, `{{ref}}` and `{{repo}}`, filled in (quoted-string safe) for each deployment.",
      })
      .register(fixHints, { fix: QUERY_FIX }),
    unit: z.string().default("").meta({ description: "Unit shown after values in reports, like `s` or `%`." }),
    kind: z
      .enum(["gauge", "counter"])
      .default("gauge")
      .meta({
        description:
          "`counter` for a cumulative total (like `http_requests_total` queried without `rate()`): Kaizen compares its per-second rate, allowing for resets.",
      }),
    better: z
      .enum(["lower", "higher"])
      .default("lower")
      .meta({ description: "Which direction is an improvement." }),
    threshold: Threshold.prefault("10%").meta({
      description:
        "Smallest change that matters: a percentage of the baseline like `10%`, or an absolute amount in the metric's unit like `0.05`.",
    }),
    alpha: z
      .number()
      .gt(0)
      .lt(0.5)
      .default(0.01)
      .meta({ description: "Significance level of the statistical test: lower means fewer false alarms but slower detection." }),
    min_samples: z
      .int()
      .min(3)
      .default(10)
      .meta({ description: "Fewer samples than this in either window makes the verdict Inconclusive." }),
  })
  // The TypeScript side speaks camelCase, so a metric is usable as a MetricPolicy as it is.
  .transform(({ min_samples, ...rest }) => ({ ...rest, minSamples: min_samples }));

/** Improvement issues Kaizen opens and closes. */
export const IssuesConfig = z.strictObject({
  enabled: z.boolean().default(true).meta({ description: "Open an issue for each regression and close it on recovery." }),
  labels: z
    .array(z.string().min(1))
    .prefault(["performance"])
    .meta({ description: "Labels put on those issues, in addition to `kaizen`, which Kaizen always adds." }),
  confirm: z
    .union([z.literal(0), durationValue()])
    .register(fixHints, { fix: "Use `0` to open issues at once, or a duration like `30m` or `1h`." })
    .prefault("30m")
    .meta({
      description:
        "Open an issue only once a later window of this length, right after the measured one, shows the same regression; `0` opens it at once. The PR comment and check run never wait. A duration like `30m`, or `0`.",
    }),
});

/** A setting for the benchmarks whose name matches, overriding what the result format says. */
export const BenchmarkOverride = z.strictObject({
  name: z
    .string()
    .min(1)
    .meta({ description: "Benchmark name as the results file writes it; `*` matches any run of characters, like `BenchmarkParse*`." })
    .register(fixHints, { fix: "Write the benchmark's name as it appears in the results, like `BenchmarkParse` or `parse/*`." }),
  measure: z.string().min(1).optional().meta({ description: "Only this measure of the benchmark (like `ns/op` or `B/op`); all of them when left out." }),
  better: z.enum(["lower", "higher"]).optional().meta({ description: "Which direction is an improvement, when the format does not say or says it wrong." }),
  threshold: Threshold.optional().meta({ description: "Smallest change that matters for these benchmarks, instead of `benchmarks.threshold`." }),
});

/** CI benchmark results Kaizen compares on pull requests and on the default branch. */
export const BenchmarksConfig = z.strictObject({
  workflows: z
    .array(z.string().min(1))
    .prefault([])
    .meta({ description: "Names of the GitHub Actions workflows that run the benchmarks (the workflow's `name:`); none means benchmarks are off." }),
  artifact: z
    .string()
    .min(1)
    .default("kaizen-benchmarks")
    .meta({ description: "Name of the artifact those workflows upload with the result files in it." }),
  format: z
    .enum(["auto", "github-action-benchmark", "bencher", "hyperfine", "k6", "go", "pytest-benchmark", "google-benchmark"])
    .default("auto")
    .meta({ description: "Format of the result files; `auto` recognises each file by its content." }),
  threshold: Threshold.prefault("10%").meta({
    description: "Smallest change that matters: a percentage like `10%`, or an absolute amount in the benchmark's unit.",
  }),
  alpha: z
    .number()
    .gt(0)
    .lt(0.5)
    .default(0.01)
    .meta({ description: "Significance level of the statistical test for benchmarks with samples." }),
  history: z
    .int()
    .min(3)
    .max(100)
    .default(10)
    .meta({ description: "How many earlier results on the base branch are used to estimate the noise of benchmarks that report one value." }),
  gate: z.boolean().default(false).meta({ description: "Make the \"Kaizen benchmarks\" check run fail on a regression." }),
  overrides: z.array(BenchmarkOverride).prefault([]).meta({ description: "Per-benchmark direction and threshold." }),
});

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

/** The repository's `.github/kaizen.yml`: every field is optional, so an empty file means all defaults. */
export const KaizenConfig = z
  .strictObject({
    _extends: z.string().optional().meta({
      description:
        "Inherit from another repository's file: `repo`, `owner/repo` or `owner/repo:path/file.yml`. Top-level keys written here replace the inherited ones.",
    }),
    deployments: DeploymentsConfig.prefault({}).meta({ description: "When and where deployments are evaluated." }),
    metrics: z.array(MetricConfig).prefault([]).meta({ description: "Metrics compared before and after each deployment." }),
    benchmarks: BenchmarksConfig.prefault({}).meta({ description: "CI benchmark results compared on pull requests and pushes." }),
    issues: IssuesConfig.prefault({}).meta({ description: "Improvement issues opened for regressions." }),
    radar: RadarConfig.optional().meta({
      description: "A tech radar kept from this repository's issues; leave it out for no radar, write `radar: {}` for the defaults.",
    }),
    comment: z
      .enum(["always", "on-change", "on-regression"])
      .default("always")
      .meta({
        description:
          "When to post the pull request comment: always, only when a metric regressed or improved, or only on a regression. An existing comment is always kept up to date.",
      }),
    gate: z
      .boolean()
      .default(false)
      .meta({ description: "Make the check run fail on a regression, so branch protection can block merges." }),
  })
  .meta({
    title: "Kaizen repository configuration",
    description: "Settings for the Kaizen GitHub App, read from `.github/kaizen.yml` on the default branch.",
  });

/** The validated configuration: durations in milliseconds, thresholds parsed, defaults filled in. */
export type KaizenConfig = z.output<typeof KaizenConfig>;
/** The validated `benchmarks:` section. */
export type BenchmarksConfig = z.output<typeof BenchmarksConfig>;
/** One validated metric; structurally a MetricPolicy plus what is needed to query it. */
export type MetricConfig = z.output<typeof MetricConfig>;
/** The validated `radar:` section. */
export type RadarConfig = z.output<typeof RadarConfig>;
