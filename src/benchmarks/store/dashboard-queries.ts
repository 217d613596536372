import { listReposIn } from "../../db/list-repos-in.js";
import type { Queryable } from "../../db/queryable.js";

export interface BenchmarkPointRow {
  benchmark: string;
  measure: string;
  unit: string;
  better: "lower" | "higher" | null;
  value: number;
  branch: string;
  sha: string;
  createdAt: Date;
}

const COLUMNS = `benchmark, measure, unit, better, value, branch, sha, created_at as "createdAt"`;

/**
 * The repository's default branch as the benchmarks know it: `known` (GitHub's answer) when given, otherwise the
 * branch that most push-triggered runs measured.
 */
export async function findBenchmarkBranch(db: Queryable, repoId: number, known: string | undefined): Promise<string | null> {
  if (known) return known;
  const { rows } = await db.query<{ branch: string }>({
    text: `select head_branch as branch from benchmark_runs where repo_id = $1 and event = 'push'
           group by head_branch order by count(*) desc limit 1`,
    values: [repoId],
  });
  return rows[0]?.branch ?? null;
}

/** Every result of the two latest measured commits on a branch (the latest comparison), newest commit first. */
export async function listLatestTwoCommits(db: Queryable, repoId: number, branch: string): Promise<BenchmarkPointRow[]> {
  const { rows } = await db.query<BenchmarkPointRow>({
    text: `with latest as (
             select sha, max(created_at) as at from benchmark_results where repo_id = $1 and branch = $2
             group by sha order by at desc limit 2
           )
           select ${COLUMNS} from benchmark_results r join latest using (sha)
           where r.repo_id = $1 and r.branch = $2 order by latest.at desc, benchmark, measure`,
    values: [repoId, branch],
  });
  return rows;
}

/** One benchmark's results on every branch, oldest first. */
export async function listBenchmarkPoints(db: Queryable, repoId: number, benchmark: string): Promise<BenchmarkPointRow[]> {
  const { rows } = await db.query<BenchmarkPointRow>({
    text: `select ${COLUMNS} from benchmark_results where repo_id = $1 and benchmark = $2 order by created_at, measure`,
    values: [repoId, benchmark],
  });
  return rows;
}

/** Open improvement issues opened by benchmark runs. */
export async function listOpenBenchmarkIssues(db: Queryable, repoId: number): Promise<{ issueNumber: number; metricName: string; branch: string }[]> {
  const { rows } = await db.query<{ issueNumber: number; metricName: string; branch: string }>({
    text: `select issue_number as "issueNumber", metric_name as "metricName", environment as branch from improvement_issues
           where repo_id = $1 and state = 'open' and opened_by_benchmark_run_id is not null order by created_at desc`,
    values: [repoId],
  });
  return rows;
}

/** The repositories with benchmark runs, under their latest known names. */
export async function listBenchmarkRepos(db: Queryable): Promise<{ id: number; owner: string; name: string }[]> {
  return listReposIn(db, "benchmark_runs");
}
