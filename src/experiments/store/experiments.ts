import { groupCommit } from "../../db/group-commit.js";
import { bigintAsNumber } from "../../db/bigint-as-number.js";
import { queryRow, queryRows } from "../../db/query-rows.js";
import type { InstalledRepo } from "../../github/installed-repo.js";
import type { Queryable } from "../../db/queryable.js";
import type { ExperimentOutcome } from "../model/judge-experiment.js";
import type { Expectation } from "../model/parse-hypothesis.js";

export type ExperimentState = "invalid" | "waiting" | ExperimentOutcome;

/** A row of `experiments`. */
export interface ExperimentRow extends InstalledRepo {
  id: number;
  issueNumber: number;
  title: string;
  state: ExperimentState;
  metricName: string | null;
  environment: string | null;
  expectation: Expectation | null;
  problem: string | null;
  explainedProblem: string | null;
  prNumber: number | null;
  mergeSha: string | null;
  evaluationId: number | null;
  outcome: ExperimentOutcomeRecord | null;
  outcomeCommentId: number | null;
  decidedAt: Date | null;
}

/** What an outcome was decided on, kept for the API and the reports. */
export interface ExperimentOutcomeRecord {
  why: string;
  sha: string;
  evaluationId: number | null;
  verdict: string | null;
  changePct: number | null;
  baselineMedian: number | null;
  candidateMedian: number | null;
  unit: string;
  pValue: number | null;
  graphUrl: string | null;
  evidenceUrl: string | null;
}

const COLUMNS = `id, repo_id as "repoId", owner, repo, installation_id as "installationId", issue_number as "issueNumber", title,
  state, metric_name as "metricName", environment, expectation, problem, explained_problem as "explainedProblem",
  pr_number as "prNumber", merge_sha as "mergeSha", evaluation_id as "evaluationId", outcome,
  outcome_comment_id as "outcomeCommentId", decided_at as "decidedAt"`;

export interface ExperimentIssue extends InstalledRepo {
  issueNumber: number;
  title: string;
}

/**
 * Stores an experiment issue's hypothesis (or its problem) as of now. A decided experiment keeps its outcome:
 * editing the issue afterwards changes neither the verdict nor what it was judged on.
 */
export async function upsertExperiment(
  db: Queryable,
  issue: ExperimentIssue,
  read: { state: "waiting"; metricName: string; environment: string; expectation: Expectation } | { state: "invalid"; problem: string },
): Promise<ExperimentRow> {
  const waiting = read.state === "waiting" ? read : null;
  return (await queryRow<ExperimentRow>(
    db,
    `insert into experiments (repo_id, owner, repo, installation_id, issue_number, title, state, metric_name, environment, expectation, problem)
           values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
           on conflict (repo_id, issue_number) do update set
             owner = excluded.owner, repo = excluded.repo, installation_id = excluded.installation_id, title = excluded.title,
             state = case when experiments.decided_at is null then excluded.state else experiments.state end,
             metric_name = case when experiments.decided_at is null then excluded.metric_name else experiments.metric_name end,
             environment = case when experiments.decided_at is null then excluded.environment else experiments.environment end,
             expectation = case when experiments.decided_at is null then excluded.expectation else experiments.expectation end,
             problem = case when experiments.decided_at is null then excluded.problem else experiments.problem end,
             updated_at = now()
           returning ${COLUMNS}`,
    [
      issue.repoId, issue.owner, issue.repo, issue.installationId, issue.issueNumber, issue.title, read.state,
      waiting?.metricName ?? null, waiting?.environment ?? null, waiting ? JSON.stringify(waiting.expectation) : null,
      read.state === "invalid" ? read.problem : null,
    ],
  ))!;
}

/** Marks a problem as explained; false when it had been explained already (so the caller comments once). */
export async function claimProblemExplanation(db: Queryable, id: number, problemKey: string): Promise<boolean> {
  const { rowCount } = await db.query({
    text: "update experiments set explained_problem = $2 where id = $1 and explained_problem is distinct from $2",
    values: [id, problemKey],
  });
  return rowCount === 1;
}

/** Experiments of a repository, by issue number. */
export async function listExperiments(db: Queryable, repoId: number): Promise<ExperimentRow[]> {
  const { rows } = await db.query<ExperimentRow>({ text: `select ${COLUMNS} from experiments where repo_id = $1 order by issue_number`, values: [repoId], types: bigintAsNumber });
  return rows;
}

/**
 * Whether the repository has experiments still waiting (in `environment`, when given): the handlers' guard, asked
 * on every deployment status. Questions arriving together share one statement (group commit).
 */
export function hasWaitingExperiments(db: Queryable, repoId: number, environment?: string): Promise<boolean> {
  return anyWaiting(db, { repoId, environment: environment ?? null });
}

const anyWaiting = groupCommit<Queryable, { repoId: number; environment: string | null }, boolean>(async (db, items) => {
  // Named: each connection parses and plans it once (the webhook path asks on every delivery).
  const { rows } = await db.query<{ waiting: boolean }>({
    name: "any-waiting-experiments",
    text: `select exists (select 1 from experiments e
                          where e.repo_id = i.repo_id and e.state = 'waiting' and (i.environment is null or e.environment = i.environment)) as waiting
           from unnest($1::bigint[], $2::text[]) with ordinality as i (repo_id, environment, ord)
           order by i.ord`,
    values: [items.map((i) => i.repoId), items.map((i) => i.environment)],
  });
  return rows.map((row) => row.waiting);
});

/** Links waiting experiments (by issue number) to the merged pull request that closes them; returns those linked. */
export async function linkExperimentsToPull(
  db: Queryable,
  repoId: number,
  issueNumbers: number[],
  pull: { number: number; mergeSha: string },
): Promise<ExperimentRow[]> {
  return queryRows<ExperimentRow>(
    db,
    `update experiments set pr_number = $3, merge_sha = $4, updated_at = now()
            where repo_id = $1 and issue_number = any($2::int[]) and state = 'waiting'
           returning ${COLUMNS}`,
    [repoId, issueNumbers, pull.number, pull.mergeSha],
  );
}

/** Experiments shipped by a merged pull request, waiting for their evaluation in `environment`. */
export async function listShippedExperiments(db: Queryable, repoId: number, environment: string): Promise<ExperimentRow[]> {
  return queryRows<ExperimentRow>(
    db,
    `select ${COLUMNS} from experiments where repo_id = $1 and environment = $2 and state = 'waiting' and merge_sha is not null order by issue_number`,
    [repoId, environment],
  );
}

/** The experiments a pull request tested, for its comment section. */
export async function listExperimentsOfPull(db: Queryable, repoId: number, prNumber: number): Promise<ExperimentRow[]> {
  return queryRows<ExperimentRow>(
    db,
    `select ${COLUMNS} from experiments where repo_id = $1 and pr_number = $2 order by issue_number`,
    [repoId, prNumber],
  );
}

/** Decides an experiment unless it was decided already (compare-and-set); returns the row as it stands. */
export async function decideExperiment(
  db: Queryable,
  id: number,
  d: { outcome: ExperimentOutcome; evaluationId: number | null; record: ExperimentOutcomeRecord; at: Date },
): Promise<ExperimentRow> {
  await db.query({
    text: `update experiments set state = $2, evaluation_id = $3, outcome = $4, decided_at = $5, updated_at = now()
            where id = $1 and state = 'waiting'`,
    values: [id, d.outcome, d.evaluationId, JSON.stringify(d.record), d.at],
  });
  const { rows } = await db.query<ExperimentRow>({ text: `select ${COLUMNS} from experiments where id = $1`, values: [id], types: bigintAsNumber });
  return rows[0]!;
}

export async function setOutcomeComment(db: Queryable, id: number, commentId: number): Promise<void> {
  await db.query({ text: "update experiments set outcome_comment_id = $2 where id = $1", values: [id, commentId] });
}

/** Replaces the issues an experiment mentions. */
export async function replaceExperimentMentions(db: Queryable, repoId: number, experimentIssue: number, mentioned: number[]): Promise<void> {
  await db.query({
    text: `with gone as (delete from experiment_mentions where repo_id = $1 and experiment_issue = $2)
           insert into experiment_mentions (repo_id, experiment_issue, mentioned_issue)
           select $1, $2, unnest($3::int[]) on conflict do nothing`,
    values: [repoId, experimentIssue, mentioned],
  });
}

/** Mentions of every experiment of a repository: experiment issue → the issues it mentions. */
export async function listExperimentMentions(db: Queryable, repoId: number): Promise<Map<number, number[]>> {
  const { rows } = await db.query<{ experimentIssue: number; mentioned: number[] }>({
    text: `select experiment_issue as "experimentIssue", array_agg(mentioned_issue order by mentioned_issue) as mentioned
             from experiment_mentions where repo_id = $1 group by experiment_issue`,
    values: [repoId],
  });
  return new Map(rows.map((r) => [r.experimentIssue, r.mentioned]));
}

/** The evaluation recorded for a GitHub deployment status (the deployments feature's table, read only). */
export async function findEvaluationOfStatus(
  db: Queryable,
  githubStatusId: number,
): Promise<{ id: number; state: string; note: string | null; candidateEnd: Date | null; checkRunId: number | null } | null> {
  return queryRow<{ id: number; state: string; note: string | null; candidateEnd: Date | null; checkRunId: number | null }>(
    db,
    `select id, state, note, candidate_end as "candidateEnd", check_run_id as "checkRunId" from evaluations where github_status_id = $1`,
    [githubStatusId],
  );
}
