import type { BenchmarkMeasurement, BenchmarkFormat } from "../benchmark-result.js";
import type { Queryable } from "../../db/queryable.js";

/** One stored measurement with where it came from. */
export interface StoredBenchmarkResult extends BenchmarkMeasurement {
  branch: string;
  sha: string;
  file: string;
  format: BenchmarkFormat;
  createdAt: Date;
}

/** A measurement with the file it was read from, as the ingest step hands it over. */
export interface BenchmarkResultInput extends BenchmarkMeasurement {
  file: string;
  format: BenchmarkFormat;
}

const COLUMNS = `benchmark, measure, unit, better, value, samples, branch, sha, file, format, created_at as "createdAt"`;

/**
 * Stores one run's results for its (repo, branch, sha): one set-based upsert, so a re-run of the same commit
 * replaces that commit's numbers and a retried job never duplicates them. Each (benchmark, measure) may
 * appear once in `results` (Postgres cannot upsert one row twice in a statement; ingest keeps the first).
 */
export async function saveBenchmarkResults(
  db: Queryable,
  run: { id: number; repoId: number; branch: string; sha: string },
  results: BenchmarkResultInput[],
): Promise<void> {
  if (results.length === 0) return;
  const column = <K extends keyof BenchmarkResultInput>(key: K) => results.map((r) => r[key]);
  await db.query({
    text: `insert into benchmark_results (repo_id, branch, sha, run_id, benchmark, measure, unit, better, value,
             samples, file, format)
           select $1, $2, $3, $4, u.benchmark, u.measure, u.unit, u.better, u.value,
             case when u.samples is null then null else array(select jsonb_array_elements_text(u.samples)::float8) end,
             u.file, u.format
           from unnest($5::text[], $6::text[], $7::text[], $8::text[], $9::float8[], $10::jsonb[], $11::text[],
                       $12::text[]) as u(benchmark, measure, unit, better, value, samples, file, format)
           on conflict (repo_id, branch, sha, benchmark, measure) do update set
             run_id = excluded.run_id, unit = excluded.unit, better = excluded.better, value = excluded.value,
             samples = excluded.samples, file = excluded.file, format = excluded.format, created_at = now()`,
    values: [
      run.repoId, run.branch, run.sha, run.id,
      column("benchmark"), column("measure"), column("unit"), column("better"), column("value"),
      results.map((r) => (r.samples ? JSON.stringify(r.samples) : null)),
      column("file"), column("format"),
    ],
  });
}

/**
 * The results stored for one commit: those of `branch` when given (a run's own results), else those of the
 * repository's own branches (a merge-base may have been measured on any of them). A fork's results are filed
 * under `owner:branch` (git forbids `:` in branch names), and never count for another branch: a fork can run
 * its workflow on a commit of the default branch and report any numbers it likes.
 */
export async function listBenchmarkResultsForSha(
  db: Queryable,
  repoId: number,
  sha: string,
  from: { branch?: string } = {},
): Promise<StoredBenchmarkResult[]> {
  const { rows } = await db.query<StoredBenchmarkResult>({
    text: `select distinct on (benchmark, measure) ${COLUMNS} from benchmark_results
           where repo_id = $1 and sha = $2 and (case when $3::text is null then position(':' in branch) = 0 else branch = $3 end)
           order by benchmark, measure, created_at desc`,
    values: [repoId, sha, from.branch ?? null],
  });
  return rows;
}

/** Which of these commits have results, so an ancestor walk needs one query, not one per commit. */
export async function shasWithBenchmarkResults(db: Queryable, repoId: number, shas: string[]): Promise<Set<string>> {
  const { rows } = await db.query<{ sha: string }>({
    // The repository's own results only: a fork's cannot become a baseline (see listBenchmarkResultsForSha).
    text: `select distinct sha from benchmark_results where repo_id = $1 and sha = any($2::text[]) and position(':' in branch) = 0`,
    values: [repoId, shas],
  });
  return new Set(rows.map((row) => row.sha));
}

/** The last `limit` results of one benchmark measure on a branch, newest first, excluding one commit. */
export async function listBenchmarkHistory(
  db: Queryable,
  query: { repoId: number; branch: string; benchmark: string; measure: string; excludeSha: string; limit: number },
): Promise<StoredBenchmarkResult[]> {
  const { rows } = await db.query<StoredBenchmarkResult>({
    text: `select ${COLUMNS} from benchmark_results
           where repo_id = $1 and branch = $2 and benchmark = $3 and measure = $4 and sha <> $5
           order by created_at desc limit $6`,
    values: [query.repoId, query.branch, query.benchmark, query.measure, query.excludeSha, query.limit],
  });
  return rows;
}

/** One benchmark measure's results on a branch created after `since`, oldest first: its level commit after commit. */
export async function listBranchBenchmarkLevels(
  db: Queryable,
  query: { repoId: number; branch: string; benchmark: string; measure: string; since: Date },
): Promise<StoredBenchmarkResult[]> {
  const { rows } = await db.query<StoredBenchmarkResult>({
    text: `select ${COLUMNS} from benchmark_results
           where repo_id = $1 and branch = $2 and benchmark = $3 and measure = $4 and created_at > $5
           order by created_at, sha`,
    values: [query.repoId, query.branch, query.benchmark, query.measure, query.since],
  });
  return rows;
}
