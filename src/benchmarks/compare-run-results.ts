import type pg from "pg";
import { compareBenchmark, MIN_BENCHMARK_SAMPLES } from "../analysis/compare-benchmark.js";
import { emptyExplanation, type MetricVerdict } from "../analysis/verdict.js";
import type { BenchmarksConfig } from "../config/schema/kaizen-config.js";
import { listBenchmarkHistory, type StoredBenchmarkResult } from "./store/benchmark-results.js";
import { benchmarkEvidence } from "./benchmark-evidence.js";
import type { BenchmarkComparisonReport, BenchmarkOnlyReport } from "./report-context.js";
import { resolveBenchmarkPolicy } from "./resolve-benchmark-policy.js";

export interface RunComparison {
  benchmarks: BenchmarkComparisonReport[];
  /** Only in head: new benchmarks. */
  added: BenchmarkOnlyReport[];
  /** Only in the baseline: removed or renamed benchmarks. */
  removed: BenchmarkOnlyReport[];
}

/**
 * Every (benchmark, measure) of head against the baseline commit's results, in head's order. With no baseline,
 * each is inconclusive with `noBaseline` as the reason. The base branch's history (for single values) leaves
 * out the baseline and head commits, so neither is compared against itself.
 */
export async function compareRunResults(
  pool: pg.Pool,
  input: {
    repoId: number;
    config: BenchmarksConfig;
    baseBranch: string;
    head: { sha: string; results: StoredBenchmarkResult[] };
    baseline: { sha: string; results: StoredBenchmarkResult[] } | null;
    noBaseline: string | null;
  },
): Promise<RunComparison> {
  const { config, baseBranch, head, baseline } = input;
  const key = (r: StoredBenchmarkResult) => JSON.stringify([r.benchmark, r.measure]);
  const before = new Map((baseline?.results ?? []).map((r) => [key(r), r]));
  const headKeys = new Set(head.results.map(key));

  const benchmarks: BenchmarkComparisonReport[] = [];
  const added: BenchmarkOnlyReport[] = [];
  for (const result of head.results) {
    const base = before.get(key(result));
    if (baseline && !base) {
      added.push(only(result));
      continue;
    }
    const policy = resolveBenchmarkPolicy(config, { ...result, better: result.better ?? base?.better ?? null });
    let verdict: MetricVerdict;
    let method: "samples" | "history" = "history";
    if (!base) verdict = noBaselineVerdict(result, input.noBaseline ?? "no baseline");
    else {
      const history = await historyValues(pool, { ...input, result, exclude: [baseline!.sha, head.sha] });
      method = bothSampled(base, result) ? "samples" : "history";
      verdict = compareBenchmark(
        { baseline: base, head: result, history, branch: baseBranch },
        { better: policy.better, threshold: policy.threshold, alpha: config.alpha },
      );
    }
    const context = { threshold: policy.threshold, unit: result.unit, branch: baseBranch };
    benchmarks.push({
      name: displayName(result),
      benchmark: result.benchmark,
      measure: result.measure,
      unit: result.unit,
      ...policy,
      method,
      result: verdict,
      evidence: benchmarkEvidence(verdict, method, context),
    });
  }
  const removed = [...before.values()].filter((r) => !headKeys.has(key(r))).map(only);
  return { benchmarks, added, removed };
}

function displayName(result: Pick<StoredBenchmarkResult, "benchmark" | "measure">): string {
  return `${result.benchmark} (${result.measure})`;
}

function only(result: StoredBenchmarkResult): BenchmarkOnlyReport {
  return { name: displayName(result), unit: result.unit, value: result.value };
}

function bothSampled(a: StoredBenchmarkResult, b: StoredBenchmarkResult): boolean {
  return (a.samples?.length ?? 0) >= MIN_BENCHMARK_SAMPLES && (b.samples?.length ?? 0) >= MIN_BENCHMARK_SAMPLES;
}

async function historyValues(
  pool: pg.Pool,
  input: { repoId: number; config: BenchmarksConfig; baseBranch: string; result: StoredBenchmarkResult; exclude: string[] },
): Promise<number[]> {
  const { repoId, config, baseBranch, result, exclude } = input;
  // One more than needed: the other excluded commit (head, on a push) may be among them.
  const rows = await listBenchmarkHistory(pool, {
    repoId,
    branch: baseBranch,
    benchmark: result.benchmark,
    measure: result.measure,
    excludeSha: exclude[0]!,
    limit: config.history + 1,
  });
  return rows.filter((row) => !exclude.includes(row.sha)).slice(0, config.history).map((row) => row.value);
}

function noBaselineVerdict(result: StoredBenchmarkResult, reason: string): MetricVerdict {
  return {
    verdict: "inconclusive",
    reason,
    baseline: { n: 0, median: null },
    candidate: { n: result.samples?.length ?? 1, median: result.value },
    changePct: null,
    changeAbs: null,
    pValue: null,
    test: "none",
    explanation: emptyExplanation(),
  };
}
