import { compareToHistory } from "../../src/analysis/compare-to-history.js";
import { renderBenchmarkTemplate } from "../../src/benchmarks/templates.js";
import type { BenchmarkComparisonReport, BenchmarkReport } from "../../src/benchmarks/report-context.js";

const tenPercent = { kind: "relative", value: 0.1 } as const;

function benchmark(name: string, head: number): BenchmarkComparisonReport {
  const result = compareToHistory({ baseline: 100, head, history: [100, 101, 100, 101], branch: "main" }, { better: "lower", threshold: tenPercent, alpha: 0.01 });
  return { name, benchmark: name, measure: "time", unit: "ms", better: "lower", betterFrom: "default", threshold: tenPercent, method: "history", result, evidence: "p < 0.001" };
}

function report(overrides: Partial<BenchmarkReport> = {}): BenchmarkReport {
  return {
    repo: { owner: "octo-org", repo: "shop" },
    sha: "b".repeat(40),
    branch: "feature",
    workflowName: "Bench | nightly",
    runUrl: "https://github.com/octo-org/shop/actions/runs/1",
    pull: { number: 4, url: "https://github.com/octo-org/shop/pull/4" },
    baseBranch: "main",
    baseline: { sha: "a".repeat(40), distance: 3, how: "ancestor", from: "c".repeat(40) },
    noBaseline: null,
    gate: false,
    benchmarks: [benchmark("parse", 100.5), benchmark("render | big\nfile", 150)],
    added: [{ name: "new | one", unit: "ms", value: 3 }],
    removed: [{ name: "old", unit: "ms", value: 4 }],
    problems: [{ file: "a|b.json", line: 2, reason: "bad\nvalue", fix: "Write a number." }],
    notes: [],
    ...overrides,
  };
}

/** Cells per table row, counting only pipes that are not escaped. */
function cellCounts(markdown: string): number[] {
  return markdown
    .split("\n")
    .filter((line) => line.startsWith("|"))
    .map((line) => line.replace(/\\\|/g, "").split("|").length);
}

describe("dashboard links (KAIZEN_PUBLIC_URL)", () => {
  const page = "https://kaizen.example.com/octo-org/shop/benchmarks/render%20%7C%20big%0Afile";

  it("link the moved benchmarks' pages and the overview from the PR section when set, and nothing when unset", () => {
    const dashboard = { overview: "https://kaizen.example.com/octo-org/shop", benchmarks: [{ name: "render | big\nfile", url: page }] };
    const linked = renderBenchmarkTemplate("pr-benchmarks-section", { ...report(), dashboard });
    expect(linked).toContain(`📈 On Kaizen's dashboard: [render \\| big file](${page}) · [all of this repository](https://kaizen.example.com/octo-org/shop)`);
    expect(renderBenchmarkTemplate("pr-benchmarks-section", { ...report(), dashboard: null })).not.toContain("dashboard");
  });

  it("link the benchmark's page from its issue when set, and nothing when unset", () => {
    const context = { ...report({ pull: null }), marker: "<!-- kaizen:issue:x -->", benchmark: benchmark("parse", 150), level: 100 };
    expect(renderBenchmarkTemplate("benchmarks-issue", { ...context, dashboard: page })).toContain(`[The benchmark's history on Kaizen's dashboard](${page})`);
    expect(renderBenchmarkTemplate("benchmarks-issue", { ...context, dashboard: null })).not.toContain("dashboard");
  });
});

describe("benchmark templates", () => {
  it.each(["benchmarks-check", "pr-benchmarks-section"] as const)("%s keeps every table row intact and leads with regressions", (name) => {
    const body = renderBenchmarkTemplate(name, report());
    expect(new Set(cellCounts(body)).size).toBe(1);
    expect(body.indexOf("render \\| big file")).toBeLessThan(body.indexOf("| parse |"));
    expect(body).toContain(`3 commits before the merge-base ${"c".repeat(7)}, the nearest with results.`);
  });

  it("names a push's baseline by the parent, and says why there is none", () => {
    const push = report({ pull: null, baseline: { sha: "a".repeat(40), distance: 0, how: "parent", from: "a".repeat(40) } });
    expect(renderBenchmarkTemplate("benchmarks-check", push)).toContain(`the parent of ${"b".repeat(7)}.`);
    const none = report({ baseline: null, noBaseline: "no results on main in the 30 commits before bbbbbbb", benchmarks: [] });
    const body = renderBenchmarkTemplate("benchmarks-check", none);
    expect(body).toContain("- **Baseline:** none: no results on main in the 30 commits before bbbbbbb.");
    expect(body).toContain("No benchmark results to compare.");
  });

  it("lists each ingest problem with its fix on one line each", () => {
    const body = renderBenchmarkTemplate("benchmarks-check", report());
    expect(body).toContain("- `a|b.json` line 2: bad value\n  - Fix: Write a number.");
  });

  it("lists skipped benchmarks on the check run and in the PR section, apart from the problems", () => {
    const notes = [{ file: "bench.json", line: 12, reason: "BM_Gpu was skipped: no GPU\n| on | this runner" }];
    const check = renderBenchmarkTemplate("benchmarks-check", report({ problems: [], notes }));
    expect(check).toContain("### ℹ️ Skipped or partly read (1)\n\n- `bench.json` line 12: BM_Gpu was skipped: no GPU");
    expect(check).not.toContain("problem");
    const section = renderBenchmarkTemplate("pr-benchmarks-section", { ...report({ problems: [], notes }), dashboard: null });
    expect(section).toContain("ℹ️ Skipped or partly read:\n- `bench.json` line 12: BM_Gpu was skipped");
    expect(section.split("\n").filter((line) => line.includes("BM_Gpu"))).toHaveLength(1);
  });

  it.each(["benchmarks-issue", "benchmarks-issue-evidence", "benchmarks-issue-recovered"] as const)("%s renders the level and the numbers", (name) => {
    const context = { ...report({ pull: null }), marker: "<!-- kaizen:issue:x -->", benchmark: benchmark("parse", 150), level: 100, dashboard: null };
    const body = renderBenchmarkTemplate(name, context);
    expect(body).toContain("100 ms");
    expect(new Set(cellCounts(body)).size).toBeLessThanOrEqual(1);
  });

  it.each(["benchmarks-issue", "benchmarks-issue-evidence"] as const)(
    "%s explains the verdict as the check run does: the test, the effective sample size and the noise",
    (name) => {
      const context = { ...report({ pull: null }), marker: "<!-- kaizen:issue:x -->", benchmark: benchmark("parse", 150), level: 100, dashboard: null };
      const body = renderBenchmarkTemplate(name, context);
      expect(body).toMatch(/^- Test that decided: .+; effective sample size one value on each side, so the noise comes from the branch's history$/m);
      expect(body).toMatch(/^- Noise: .+ between runs, from \d+ earlier results on `main` \(robust: the median of consecutive differences/m);
    },
  );
});
