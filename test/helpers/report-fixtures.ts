import type { MetricVerdict, Verdict } from "../../src/analysis/verdict.js";
import type { EvaluationReport, MetricReport } from "../../src/deployments/report-context.js";

const at = (iso: string) => new Date(iso);

/** A metric as the pipeline would hand it over; `result` fields override a plausible default. */
export function metric(name: string, verdict: Verdict, result: Partial<MetricVerdict> = {}, extra: Partial<MetricReport> = {}): MetricReport {
  return {
    name,
    unit: "s",
    source: "prometheus",
    query: `histogram_quantile(0.95, sum by (le) (rate(http_request_duration_seconds_bucket{route="/api/${name}"}[5m])))`,
    better: "lower",
    threshold: { kind: "relative", value: 0.1 },
    graphUrl: `http://prometheus.internal:9090/graph?g0.expr=${encodeURIComponent(name)}&g0.range_input=2h`,
    ...extra,
    result: {
      verdict,
      reason: "",
      baseline: { n: 120, median: 0.375 },
      candidate: { n: 120, median: 0.38 },
      changePct: 1.3,
      changeAbs: 0.005,
      pValue: 0.42,
      test: "Yuen's trimmed-mean t-test, corrected for autocorrelation",
      explanation: {
        effectSize: 0.04,
        autocorrelation: 0.2,
        effectiveN: { baseline: 80, candidate: 80 },
        expectedN: 120,
        noise: { absolute: 0.004, relative: 0.011, windows: 6 },
        warnings: [],
      },
      ...result,
    },
  };
}

/** An error rate whose own noise is bigger than its threshold. */
const NOISY: MetricVerdict["explanation"] = {
  effectSize: 0.02,
  autocorrelation: 0.71,
  effectiveN: { baseline: 20.3, candidate: 19.9 },
  expectedN: 120,
  noise: { absolute: 0.0017, relative: 0.14, windows: 6 },
  warnings: [
    "threshold 10 % but this metric moves ±14 % between quiet windows (6 earlier pairs); smaller changes cannot be told from noise: raise the threshold or lengthen the window",
  ],
};

/** A jump that the autocorrelation correction would dilute, with an earlier deploy left out of the noise. */
const SEPARATION = "full separation of the windows (every sample on one side of every other), exact rank test";
const SEPARATED: MetricVerdict["explanation"] = {
  effectSize: 1,
  autocorrelation: 0.95,
  effectiveN: { baseline: 3.1, candidate: 3.1 },
  expectedN: 120,
  noise: { absolute: 0.02, relative: 0.053, windows: 5, excluded: [0.41] },
  warnings: [],
};

/** One of each verdict, in config order (not report order), with realistic numbers. */
export const MIXED_METRICS: MetricReport[] = [
  metric("error rate", "no-change", { reason: "The change is within the 10 % threshold.", baseline: { n: 120, median: 0.012 }, candidate: { n: 118, median: 0.0121 }, changePct: 0.83, changeAbs: 0.0001, pValue: 0.61, explanation: NOISY }, { unit: "%" }),
  metric("checkout p95", "regression", { reason: "Candidate median is 366.7 % higher (p < 0.001), beyond the 10 % threshold.", baseline: { n: 120, median: 0.375 }, candidate: { n: 120, median: 1.75 }, changePct: 366.67, changeAbs: 1.375, pValue: 0.0000012, test: SEPARATION, explanation: SEPARATED }),
  metric("throughput", "improvement", { reason: "Candidate median is 25.0 % higher (p = 0.002), beyond the 5 % threshold.", baseline: { n: 120, median: 1520 }, candidate: { n: 120, median: 1900 }, changePct: 25, changeAbs: 380, pValue: 0.0021 }, { unit: "req/s", better: "higher", threshold: { kind: "relative", value: 0.05 } }),
  metric("queue | depth", "inconclusive", { reason: "Only 3 samples in the candidate window;\nat least 10 are needed.", baseline: { n: 118, median: 42 }, candidate: { n: 3, median: 57 }, changePct: 35.7, changeAbs: 15, pValue: null, test: "none" }, { unit: "jobs", threshold: { kind: "absolute", value: 20 }, graphUrl: null, query: "max(queue_depth{queue=\"orders|refunds\"}) by (`le`)" }),
];

export function evaluationReport(overrides: Partial<EvaluationReport> = {}): EvaluationReport {
  return {
    repo: { owner: "octo-org", repo: "shop" },
    environment: "production",
    sha: "9f8e7d6c5b4a39281706f5e4d3c2b1a098765432",
    ref: "main",
    deployment: { id: 4242, url: "https://deploy.example.com/runs/4242", createdAt: at("2026-05-01T12:00:03.512Z") },
    windows: {
      baseline: { start: at("2026-05-01T11:00:00Z"), end: at("2026-05-01T12:00:00Z") },
      candidate: { start: at("2026-05-01T12:05:00Z"), end: at("2026-05-01T13:05:00Z") },
    },
    gate: true,
    metrics: MIXED_METRICS,
    pulls: [
      { number: 318, url: "https://github.com/octo-org/shop/pull/318" },
      { number: 321, url: "https://github.com/octo-org/shop/pull/321" },
    ],
    ...overrides,
  };
}
