import { renderDeploymentTemplate } from "../../src/deployments/templates.js";
import type { ConfigProblemsContext } from "../../src/github/publish-config-check.js";
import type { PrCommentBodyContext } from "../../src/github/publish-pr-section.js";
import { templateRenderer } from "../../src/markdown/render-template.js";

const renderGitHubTemplate = templateRenderer<{ "pr-comment": PrCommentBodyContext; "config-problems": ConfigProblemsContext }>("github");
import { GITHUB_BODY_LIMIT, TRUNCATION_NOTE } from "../../src/markdown/truncate-body.js";
import { MIXED_METRICS, evaluationReport, metric } from "../helpers/report-fixtures.js";

const MARKER = "<!-- kaizen:pr -->";
const regression = MIXED_METRICS[1]!;

/** Cells per table row, counting only pipes that are not escaped. */
function cellCounts(markdown: string): number[] {
  return markdown
    .split("\n")
    .filter((line) => line.startsWith("|"))
    .map((line) => line.replace(/\\\|/g, "").split("|").length);
}

describe("check-run-summary", () => {
  it("lists every metric, regressions first, with numbers, reasons and windows", () => {
    expect(renderDeploymentTemplate("check-run-summary", evaluationReport())).toMatchSnapshot();
  });

  it("reports an all-clear deployment with the gate off", () => {
    const report = evaluationReport({ gate: false, metrics: [MIXED_METRICS[0]!, MIXED_METRICS[2]!], pulls: [] });
    expect(renderDeploymentTemplate("check-run-summary", report)).toMatchSnapshot();
  });

  it("says so when no metric was evaluated, and shows a deployment without a link", () => {
    const report = evaluationReport({ metrics: [], deployment: { id: 7, url: null, createdAt: new Date("2026-05-01T12:00:00Z") } });
    expect(renderDeploymentTemplate("check-run-summary", report)).toMatchSnapshot();
  });

  it("keeps every table row intact when names, reasons and queries contain pipes and newlines", () => {
    const body = renderDeploymentTemplate("check-run-summary", evaluationReport());
    const counts = cellCounts(body);
    expect(counts).toHaveLength(2 + MIXED_METRICS.length);
    expect(new Set(counts).size).toBe(1);
  });
});

describe("pr-comment-deployment", () => {
  it("leads with what regressed, under the environment's heading", () => {
    const body = renderDeploymentTemplate("pr-comment-deployment", { ...evaluationReport(), dashboard: null });
    expect(body.startsWith("### Deployment · production\n")).toBe(true);
    expect(body).toMatchSnapshot();
  });

  it("says there are no regressions in one line when all is clear", () => {
    const report = evaluationReport({ metrics: [MIXED_METRICS[0]!, MIXED_METRICS[2]!] });
    const body = renderDeploymentTemplate("pr-comment-deployment", { ...report, dashboard: null });
    expect(body).toContain("✅ No regressions after deploying 9f8e7d6 to **production** (1 improvement, 1 no change).");
    expect(body).toMatchSnapshot();
  });

  it.each([
    ["the lead list", "regression", ""],
    ["the details table", "no-change", "\n</details>"],
  ] as const)("is cut to GitHub's limit in %s, keeping the heading and closing what was open", (_, verdict, closing) => {
    const metrics = Array.from({ length: 2_000 }, (_, i) => metric(`endpoint ${i}`, verdict));
    const body = renderDeploymentTemplate("pr-comment-deployment", { ...evaluationReport({ metrics }), dashboard: null });
    expect(body.length).toBeLessThanOrEqual(GITHUB_BODY_LIMIT);
    expect(body.startsWith("### Deployment · production")).toBe(true);
    expect(body.endsWith(`${closing}${TRUNCATION_NOTE}`)).toBe(true);
    expect(body.slice(0, -TRUNCATION_NOTE.length - closing.length).split("\n").at(-1)).toMatch(/endpoint \d+/);
  });
});

describe("dashboard links (KAIZEN_PUBLIC_URL)", () => {
  const url = (name: string) => `https://kaizen.example.com/octo-org/shop/metrics/production/${encodeURIComponent(name)}`;

  it("link each metric's page and the overview from the PR section when set, and nothing when unset", () => {
    const report = evaluationReport();
    const dashboard = { overview: "https://kaizen.example.com/octo-org/shop", metrics: report.metrics.map((m) => ({ name: m.name, url: url(m.name) })) };
    const linked = renderDeploymentTemplate("pr-comment-deployment", { ...report, dashboard });
    expect(linked).toContain(`📈 On Kaizen's dashboard: [${report.metrics[0]!.name}](${url(report.metrics[0]!.name)}) · `);
    expect(linked).toContain("[all of this repository](https://kaizen.example.com/octo-org/shop)");
    const plain = renderDeploymentTemplate("pr-comment-deployment", { ...report, dashboard: null });
    expect(plain).not.toContain("dashboard");
    expect(plain).not.toContain("kaizen.example.com");
  });

  it("link the metric's page from the improvement issue when set, and nothing when unset", () => {
    const context = { ...evaluationReport(), marker: "<!-- kaizen:issue:x -->", metric: regression, level: 0.375 };
    const linked = renderDeploymentTemplate("improvement-issue", { ...context, dashboard: url(regression.name) });
    expect(linked).toContain(`[the metric's history on Kaizen's dashboard](${url(regression.name)})`);
    expect(renderDeploymentTemplate("improvement-issue", { ...context, dashboard: null })).not.toContain("dashboard");
  });
});

describe("pr-comment", () => {
  it("starts with the marker and shows the sections in the order given, separated by rules", () => {
    const sections = [
      { key: "deployment:production", body: renderDeploymentTemplate("pr-comment-deployment", { ...evaluationReport(), dashboard: null }).trimEnd() },
      { key: "benchmarks", body: "### Benchmarks\n\n🔴 **1 regression**: `parse` 12 ms → 15 ms (+25 %)." },
    ];
    const body = renderGitHubTemplate("pr-comment", { marker: MARKER, sections });
    expect(body.startsWith(`${MARKER}\n## Kaizen\n`)).toBe(true);
    expect(body.indexOf("### Deployment · production")).toBeLessThan(body.indexOf("### Benchmarks"));
    expect(body.match(/^---$/gm)).toHaveLength(1);
    expect(body).toMatchSnapshot();
  });

  it("shows one section without a separator", () => {
    const body = renderGitHubTemplate("pr-comment", { marker: MARKER, sections: [{ key: "benchmarks", body: "### Benchmarks" }] });
    expect(body).toBe(`${MARKER}\n## Kaizen\n\n### Benchmarks\n`);
  });
});

describe("improvement-issue", () => {
  /** The issue for `regression` on checkout p95 in production; `extra` adds to its context or replaces a part. */
  const regressionIssue = (extra: Record<string, unknown> = {}) =>
    renderDeploymentTemplate("improvement-issue", {
      ...evaluationReport(),
      marker: "<!-- kaizen:issue:production%2Fcheckout%20p95 -->",
      metric: regression,
      level: 0.375,
      dashboard: null,
      ...extra,
    });

  it("describes the regression with its marker, query, graph and the level that closes it", () => {
    const body = regressionIssue();
    expect(body).toContain("Kaizen closes this issue when the metric is back within 10 % of 0.375 s");
    expect(body).toMatchSnapshot();
  });

  it("says which later window confirmed the regression, with that window's numbers", () => {
    const window = { start: new Date("2026-05-01T13:05:00Z"), end: new Date("2026-05-01T13:35:00Z") };
    const later = { ...regression.result, candidate: { n: 118, median: 1.6 }, changePct: 326.67, pValue: 0.0000031 };
    const body = regressionIssue({ confirmation: { window, result: later } });
    const plain = regressionIssue();
    expect(plain).not.toContain("Confirmed");
    const confirmed = body.slice(body.indexOf("### Confirmed on a later window"), body.indexOf("Query on"));
    expect(confirmed).toMatchSnapshot();
    expect(body.replace(confirmed, "")).toBe(plain);
  });

  it("explains the verdict as the PR comment does: the test, the effective sample size and the noise with what was left out", () => {
    const body = regressionIssue();
    expect(body).toContain(`**Why:** ${regression.result.reason}`);
    expect(body).toContain("  - full separation of the windows (every sample on one side of every other), exact rank test: p < 0.001");
    expect(body).toContain("autocorrelation 0.95, worth 3 and 3 independent samples");
    expect(body).toMatch(/ {2}- Noise: ±5\.3 % between quiet windows \(5 earlier pairs\); left out 1 earlier pair[^\n]*\+0\.41 s/);
    const evidence = renderDeploymentTemplate("issue-evidence", { ...evaluationReport(), metric: regression, level: 0.375 });
    expect(evidence).toContain("worth 3 and 3 independent samples");
    expect(evidence).toMatch(/ {2}- Noise: ±5\.3 % between quiet windows \(5 earlier pairs\); left out/);
  });

  it("names the scale of a percentage near 0 and the grid of a quantised metric", () => {
    const explanation = { ...regression.result.explanation, relativeTo: { of: "magnitude" as const, value: 0.0125 }, quantum: 0.2 };
    const body = regressionIssue({ metric: { ...regression, result: { ...regression.result, explanation } } });
    expect(body).toContain("  - Percentages: the baseline's median and interquartile range are both 0, so the change is a share of the values' mean size (0.0125 s)");
    expect(body).toContain("  - The values sit on a grid of 0.2 s: a median move smaller than one step does not count, and one step only when the windows clearly separate");
  });

  it("says when the noise is judged against a smooth drift's trend", () => {
    const noise = { absolute: 0.02, relative: 0.053, windows: 6, trend: { absolute: 0.004, windows: 6 } };
    const explanation = { ...regression.result.explanation, noise };
    const body = regressionIssue({ metric: { ...regression, result: { ...regression.result, explanation } } });
    expect(body).toContain(
      "  - Noise: ±5.3 % between quiet windows (6 earlier pairs); it drifts smoothly, and a straight line through each earlier baseline carried forward misses its candidate by ±0.004 s",
    );
  });

  it("puts a query with backticks in a code block it cannot close", () => {
    const body = regressionIssue({ marker: "<!-- kaizen:issue:x -->", metric: metric("odd", "regression", {}, { query: "sum(x) ``` by (`le`)" }) });
    expect(body).toContain("````\nsum(x) ``` by (`le`)\n````");
  });
});

describe("issue-evidence", () => {
  it("records another deployment that shows the regression", () => {
    const report = evaluationReport({ sha: "1111111222222233333334444444555555566666", pulls: [] });
    const body = renderDeploymentTemplate("issue-evidence", {
      ...report,
      metric: metric("checkout p95", "regression", { baseline: { n: 120, median: 1.7 }, candidate: { n: 119, median: 2.4 }, changePct: 41.2, changeAbs: 0.7, pValue: 0.0004 }),
      level: 0.375,
    });
    expect(body).toMatchSnapshot();
  });
});

describe("issue-recovered", () => {
  it("states the recovered level against the old level and threshold", () => {
    const body = renderDeploymentTemplate("issue-recovered", {
      ...evaluationReport(),
      metric: metric("checkout p95", "improvement", { baseline: { n: 120, median: 1.75 }, candidate: { n: 120, median: 0.39 }, changePct: -77.7, changeAbs: -1.36, pValue: 0.0000003 }),
      level: 0.375,
    });
    expect(body).toContain("is back to 0.39 s, within 10 % of 0.375 s");
    expect(body).toMatchSnapshot();
  });
});

describe("config-problems", () => {
  it("lists each problem as path, message and fix under the file name", () => {
    const body = renderGitHubTemplate("config-problems", {
      file: ".github/kaizen.yml",
      problems: [
        { path: "metrics[0].threshold", message: "Expected a percentage like 10% or an absolute value.", fix: "Write `threshold: 10%`." },
        { path: "metrics[2].source", message: "Unknown source \"prom\".", fix: "Use one of: prometheus." },
        { path: "", message: "The file is not valid YAML (line 4, column 3).", fix: "Check the indentation near line 4." },
      ],
      notes: [],
    });
    expect(body).toMatchSnapshot();
  });

  it("says the file is valid when there are no problems", () => {
    expect(renderGitHubTemplate("config-problems", { file: ".github/kaizen.yml", problems: [], notes: [] })).toBe(
      "## `.github/kaizen.yml` is valid\n\nKaizen found no problems in this file.\n",
    );
  });
});
