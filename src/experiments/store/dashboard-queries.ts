import { listReposIn } from "../../db/list-repos-in.js";
import type { Queryable } from "../../db/queryable.js";

export interface OpenExperimentRow {
  issueNumber: number;
  title: string;
  state: "waiting" | "invalid";
  metricName: string | null;
  environment: string | null;
  expectation: string | null;
  problem: string | null;
  prNumber: number | null;
}

/** Experiments not yet decided (waiting for a deploy, or with a problem to fix), newest issue first. */
export async function listOpenExperiments(db: Queryable, repoId: number): Promise<OpenExperimentRow[]> {
  const { rows } = await db.query<OpenExperimentRow>({
    text: `select issue_number as "issueNumber", title, state, metric_name as "metricName", environment,
             expectation->>'text' as expectation, problem, pr_number as "prNumber"
           from experiments where repo_id = $1 and state in ('waiting', 'invalid') order by issue_number desc`,
    values: [repoId],
  });
  return rows;
}

/** The repositories with experiments, under their latest known names. */
export async function listExperimentRepos(db: Queryable): Promise<{ id: number; owner: string; name: string }[]> {
  return listReposIn(db, "experiments");
}
