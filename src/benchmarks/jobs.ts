/** The benchmark feature's jobs (`runId`: benchmark_runs.id). */
export interface BenchmarkJobs {
  /** Download a finished workflow run's benchmark artifact and store the results it holds. */
  "ingest-benchmarks": { runId: number };
  /** Compare an ingested run's results with its baseline and report them. */
  "compare-benchmarks": { runId: number };
}
