import type { Threshold } from "../analysis/verdict.js";
import { queryRow, queryRows } from "./query-rows.js";
import type { Queryable } from "./queryable.js";

/** A row of `improvement_issues`. */
export interface ImprovementIssueRow {
  id: number;
  repoId: number;
  owner: string;
  repo: string;
  /** The deployment environment, or for a benchmark issue the branch it regressed on. */
  environment: string;
  /** The metric, or for a benchmark issue `benchmark (measure)`. */
  metricName: string;
  /** Stable key of (repo, environment, metric) or (repo, benchmark, measure): at most one open issue has it. */
  fingerprint: string;
  /** `regression`: one deploy or commit regressed; `drift`: many small changes added up (fingerprint `drift/…`). */
  kind: "regression" | "drift";
  issueNumber: number;
  state: "open" | "closed";
  /** The metric's median before the first regression: the level it must return to for the issue to close. */
  levelBefore: number | null;
  better: "lower" | "higher";
  threshold: Threshold;
  /** Set for deployment issues; a benchmark issue has openedByBenchmarkRunId instead (exactly one is set). */
  openedByEvaluationId: number | null;
  closedByEvaluationId: number | null;
  openedByBenchmarkRunId: number | null;
  closedByBenchmarkRunId: number | null;
  /** Benchmark issues: the default-branch commit whose comparison opened or last updated the issue. */
  lastSha: string | null;
  /** Deployment issues: the deployment status time of the evaluation that opened or last updated the issue. */
  lastStatusAt: Date | null;
  createdAt: Date;
  closedAt: Date | null;
}

export type NewImprovementIssue = Omit<
  ImprovementIssueRow,
  | "id"
  | "kind"
  | "state"
  | "closedByEvaluationId"
  | "closedByBenchmarkRunId"
  | "openedByBenchmarkRunId"
  | "lastSha"
  | "lastStatusAt"
  | "createdAt"
  | "closedAt"
> & {
  kind?: ImprovementIssueRow["kind"];
  openedByBenchmarkRunId?: number | null;
  lastSha?: string | null;
  lastStatusAt?: Date | null;
};

const COLUMNS = `id, repo_id as "repoId", owner, repo, environment, metric_name as "metricName", fingerprint, kind,
  issue_number as "issueNumber", state, level_before as "levelBefore", better, threshold,
  opened_by_evaluation_id as "openedByEvaluationId", closed_by_evaluation_id as "closedByEvaluationId",
  opened_by_benchmark_run_id as "openedByBenchmarkRunId", closed_by_benchmark_run_id as "closedByBenchmarkRunId",
  last_sha as "lastSha", last_status_at as "lastStatusAt", created_at as "createdAt", closed_at as "closedAt"`;

/** The open issue with this fingerprint, or null. */
export async function findOpenIssue(db: Queryable, fingerprint: string): Promise<ImprovementIssueRow | null> {
  return queryRow<ImprovementIssueRow>(
    db,
    `select ${COLUMNS} from improvement_issues where fingerprint = $1 and state = 'open'`,
    [fingerprint],
  );
}

/**
 * Records a newly opened issue. Throws a unique violation (code 23505) when an open issue with the same
 * fingerprint is already recorded: the caller looks it up with `findOpenIssue` first.
 */
export async function insertIssue(db: Queryable, row: NewImprovementIssue): Promise<ImprovementIssueRow> {
  return (await queryRow<ImprovementIssueRow>(
    db,
    `insert into improvement_issues (repo_id, owner, repo, environment, metric_name, fingerprint, issue_number,
             level_before, better, threshold, opened_by_evaluation_id, opened_by_benchmark_run_id, last_sha, last_status_at, kind)
           values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)
           returning ${COLUMNS}`,
    [
      row.repoId,
      row.owner,
      row.repo,
      row.environment,
      row.metricName,
      row.fingerprint,
      row.issueNumber,
      row.levelBefore,
      row.better,
      JSON.stringify(row.threshold),
      row.openedByEvaluationId,
      row.openedByBenchmarkRunId ?? null,
      row.lastSha ?? null,
      row.lastStatusAt ?? null,
      row.kind ?? "regression",
    ],
  ))!;
}

/**
 * What spoke on an issue: a deployment evaluation, at its deployment status time, or a benchmark run, at its commit.
 * The time or commit becomes the issue's last, so later evidence from an older deploy or commit is not applied.
 */
export type IssueCheck = { evaluationId: number; statusAt: Date } | { runId: number; sha: string };

/** Marks an open issue closed by an evaluation or a benchmark run; returns the closed row, or null when it was not open. */
export async function closeImprovementIssue(db: Queryable, id: number, closedBy: IssueCheck): Promise<ImprovementIssueRow | null> {
  const byEvaluation = "evaluationId" in closedBy;
  return queryRow<ImprovementIssueRow>(
    db,
    `update improvement_issues
           set state = 'closed', closed_at = now(),
               closed_by_evaluation_id = $2, last_status_at = greatest(last_status_at, $3),
               closed_by_benchmark_run_id = $4, last_sha = coalesce($5, last_sha)
           where id = $1 and state = 'open'
           returning ${COLUMNS}`,
    byEvaluation ? [id, closedBy.evaluationId, closedBy.statusAt, null, null] : [id, null, null, closedBy.runId, closedBy.sha],
  );
}

/**
 * Records the commit (benchmarks) or deployment status time (deployments) of the latest evidence on an issue. The
 * status time only moves forward (`greatest` skips a null): an older deploy's evidence written late never makes the
 * issue look older than a newer deploy already made it. Commits have no order in SQL; the callers keep it.
 */
export async function setIssueLast(db: Queryable, id: number, last: { sha: string } | { statusAt: Date }): Promise<void> {
  await db.query({
    text: `update improvement_issues set last_sha = coalesce($2, last_sha), last_status_at = greatest(last_status_at, $3)
           where id = $1`,
    values: [id, "sha" in last ? last.sha : null, "statusAt" in last ? last.statusAt : null],
  });
}

/**
 * Whether some issue with this fingerprint, open or closed, was opened or last updated by a deploy whose status came
 * after `statusAt`: a newer deploy has already spoken about the metric, so an older one's evaluation finishing late
 * must not open an issue over it.
 */
export async function hasIssueCheckedAfter(db: Queryable, fingerprint: string, statusAt: Date): Promise<boolean> {
  const { rows } = await db.query({
    text: `select 1 from improvement_issues where fingerprint = $1 and last_status_at > $2 limit 1`,
    values: [fingerprint, statusAt],
  });
  return rows.length > 0;
}

/** Whether some issue with this fingerprint, open or closed, was opened or last updated by the commit `sha`. */
export async function hasIssueWithLastSha(db: Queryable, fingerprint: string, sha: string): Promise<boolean> {
  const { rows } = await db.query({
    text: `select 1 from improvement_issues where fingerprint = $1 and last_sha = $2 limit 1`,
    values: [fingerprint, sha],
  });
  return rows.length > 0;
}

/** How many issues one benchmark run opened (a retried run counts what it opened before). */
export async function countIssuesOpenedByBenchmarkRun(db: Queryable, repoId: number, runId: number): Promise<number> {
  const { rows } = await db.query<{ count: number }>({
    text: `select count(*)::int as count from improvement_issues where repo_id = $1 and opened_by_benchmark_run_id = $2`,
    values: [repoId, runId],
  });
  return rows[0]?.count ?? 0;
}

/** The open issues of one repository and environment, oldest first. */
export async function listOpenIssues(db: Queryable, repoId: number, environment: string): Promise<ImprovementIssueRow[]> {
  return queryRows<ImprovementIssueRow>(
    db,
    `select ${COLUMNS} from improvement_issues
           where repo_id = $1 and environment = $2 and state = 'open'
           order by id`,
    [repoId, environment],
  );
}

/**
 * Which kind of Kaizen issue a row is, as marks and quality count it: a drift issue (opened by an evaluation or a
 * benchmark run like a regression issue) judges the drift check, not that one verdict; the others by their opener.
 */
export function improvementIssueKind(row: ImprovementIssueRow): "deployment" | "benchmark" | "drift" | "other" {
  if (row.kind === "drift") return "drift";
  if (row.openedByEvaluationId !== null) return "deployment";
  if (row.openedByBenchmarkRunId !== null) return "benchmark";
  return "other";
}

/** The Kaizen-opened issue with this number in a repository (open or closed, the latest row), or null. */
export async function findIssueByNumber(db: Queryable, repoId: number, issueNumber: number): Promise<ImprovementIssueRow | null> {
  return queryRow<ImprovementIssueRow>(
    db,
    `select ${COLUMNS} from improvement_issues where repo_id = $1 and issue_number = $2 order by id desc limit 1`,
    [repoId, issueNumber],
  );
}

/**
 * Closes an open issue that people dismissed (marked a false alarm), with no evaluation or run closing it: the next
 * regression of the same fingerprint opens a new issue. Returns whether it was open.
 */
export async function dismissImprovementIssue(db: Queryable, id: number): Promise<boolean> {
  const { rowCount } = await db.query({
    text: `update improvement_issues set state = 'closed', closed_at = now() where id = $1 and state = 'open'`,
    values: [id],
  });
  return (rowCount ?? 0) > 0;
}

/**
 * Reopens a dismissed issue when its mark is undone, unless another issue with its fingerprint was opened since
 * (at most one is open per fingerprint). Returns its number when it was reopened, else null.
 */
export async function reopenImprovementIssue(db: Queryable, id: number): Promise<number | null> {
  const { rows } = await db.query<{ issueNumber: number }>({
    text: `update improvement_issues i set state = 'open', closed_at = null
            where i.id = $1 and i.state = 'closed' and i.closed_by_evaluation_id is null and i.closed_by_benchmark_run_id is null
              and not exists (select 1 from improvement_issues o where o.fingerprint = i.fingerprint and o.state = 'open')
            returning issue_number as "issueNumber"`,
    values: [id],
  });
  return rows[0]?.issueNumber ?? null;
}

/**
 * The open regression issue a deployment evaluation opened for one metric, or null; not a drift issue the same
 * evaluation's drift check opened for it, which judges the drift and not this verdict.
 */
export async function findOpenIssueOpenedBy(db: Queryable, evaluationId: number, metricName: string): Promise<ImprovementIssueRow | null> {
  return queryRow<ImprovementIssueRow>(
    db,
    `select ${COLUMNS} from improvement_issues
           where opened_by_evaluation_id = $1 and metric_name = $2 and state = 'open' and kind = 'regression'`,
    [evaluationId, metricName],
  );
}
