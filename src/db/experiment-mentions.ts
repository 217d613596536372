import type { Queryable } from "./queryable.js";

/**
 * An experiment that mentions an issue (`#123` in its body), as the radar reads it: by SQL from the experiments
 * feature's tables, since features never import each other. Kept here so every reader agrees on what counts:
 * an invalid experiment (its hypothesis cannot be read) is no evidence and is left out.
 */
export interface MentioningExperiment {
  mentionedIssue: number;
  issueNumber: number;
  title: string;
  /** `pending` while the experiment waits for its deploy and evaluation (stored as `waiting`). */
  state: "pending" | "confirmed" | "refuted" | "inconclusive";
}

/** Every valid experiment of a repository with the issues it mentions, by mentioned issue then experiment issue. */
export async function listMentioningExperiments(db: Queryable, repoId: number): Promise<MentioningExperiment[]> {
  const { rows } = await db.query<MentioningExperiment>({
    text: `select m.mentioned_issue as "mentionedIssue", e.issue_number as "issueNumber", e.title,
                  case e.state when 'waiting' then 'pending' else e.state end as state
             from experiment_mentions m
             join experiments e on e.repo_id = m.repo_id and e.issue_number = m.experiment_issue
            where m.repo_id = $1 and e.state <> 'invalid'
            order by m.mentioned_issue, e.issue_number`,
    values: [repoId],
  });
  return rows;
}
