import { queryRow } from "../../db/query-rows.js";
import type { Queryable } from "../../db/queryable.js";

export type BenchmarkRunState = "pending" | "skipped" | "ingested" | "reported" | "failed";

/** Something in a run's artifact Kaizen could not use, shown on the "Kaizen benchmarks" check run. */
export interface BenchmarkProblem {
  /** File inside the artifact (or the artifact's name when the whole artifact is at fault). */
  file: string;
  line: number | null;
  reason: string;
  fix: string;
  /**
   * "note": the file was read, but an entry was passed over or read in part (a skipped benchmark, unusable
   * samples). Stored with the problems, reported apart from them: it does not make the check run neutral.
   */
  kind?: "note";
}

export interface NewBenchmarkRun {
  repoId: number;
  owner: string;
  repo: string;
  installationId: number;
  githubRunId: number;
  workflowName: string;
  event: string;
  headBranch: string;
  headSha: string;
  /** Owner of the head repository when it is a fork; null for runs in the repository itself. */
  headOwner: string | null;
}

export interface BenchmarkRun extends NewBenchmarkRun {
  id: number;
  state: BenchmarkRunState;
  problems: BenchmarkProblem[];
  note: string | null;
  checkRunId: number | null;
}

const COLUMNS = `id, repo_id as "repoId", owner, repo, installation_id as "installationId",
  github_run_id as "githubRunId", workflow_name as "workflowName", event, head_branch as "headBranch",
  head_sha as "headSha", head_owner as "headOwner", state, problems, note, check_run_id as "checkRunId"`;

/**
 * Records a completed workflow run once per GitHub run id (a redelivered webhook returns the same row) and
 * returns it with its current state, so the caller queues work only for runs still pending.
 *
 * The no-op update on conflict (rather than `do nothing` and a second select) makes a delivery that races
 * another of the same run wait for it and return its row: a plain select would run on a snapshot from before
 * the other insert committed and find nothing.
 */
export async function recordBenchmarkRun(db: Queryable, run: NewBenchmarkRun): Promise<BenchmarkRun> {
  return (await queryRow<BenchmarkRun>(
    db,
    `insert into benchmark_runs (repo_id, owner, repo, installation_id, github_run_id, workflow_name, event,
             head_branch, head_sha, head_owner)
           values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
           on conflict (github_run_id) do update set github_run_id = excluded.github_run_id
           returning ${COLUMNS}`,
    [
      run.repoId, run.owner, run.repo, run.installationId, run.githubRunId, run.workflowName, run.event,
      run.headBranch, run.headSha, run.headOwner,
    ],
  ))!;
}

export async function getBenchmarkRun(db: Queryable, id: number): Promise<BenchmarkRun | null> {
  return queryRow<BenchmarkRun>(db, `select ${COLUMNS} from benchmark_runs where id = $1`, [id]);
}

/** Moves a run to its next state, with the problems found so far and a note for operators. */
export async function setBenchmarkRunState(
  db: Queryable,
  id: number,
  state: BenchmarkRunState,
  details: { problems?: BenchmarkProblem[]; note?: string | null; checkRunId?: number | null } = {},
): Promise<void> {
  await db.query({
    text: `update benchmark_runs set state = $2, problems = coalesce($3::jsonb, problems), note = coalesce($4, note),
             check_run_id = coalesce($5, check_run_id), updated_at = now()
           where id = $1`,
    values: [id, state, details.problems ? JSON.stringify(details.problems) : null, details.note ?? null, details.checkRunId ?? null],
  });
}
