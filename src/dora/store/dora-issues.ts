import { bigintAsNumber } from "../../db/bigint-as-number.js";
import type { Queryable } from "../../db/queryable.js";
import type { DoraIncident } from "../model/dora-facts.js";

export type DoraIssue = DoraIncident & { title: string; labels: string[] };

/**
 * Records a labelled issue as it is now; an issue without labels is only updated (it may have lost the incident
 * label), never added. Returns whether anything changed.
 */
export async function upsertDoraIssue(db: Queryable, repoId: number, issue: DoraIssue): Promise<boolean> {
  const { rowCount } = await db.query(
    `insert into dora_issues as i (repo_id, issue_number, title, url, labels, created_at, closed_at, linked_shas, linked_deployment_ids)
     select $1, $2, $3, $4, $5, $6, $7, $8, $9
     where cardinality($5::text[]) > 0 or exists (select 1 from dora_issues where repo_id = $1 and issue_number = $2)
     on conflict (repo_id, issue_number) do update set title = excluded.title, url = excluded.url, labels = excluded.labels,
       created_at = excluded.created_at, closed_at = excluded.closed_at, linked_shas = excluded.linked_shas,
       linked_deployment_ids = excluded.linked_deployment_ids
     where (i.title, i.url, i.labels, i.created_at, i.closed_at, i.linked_shas, i.linked_deployment_ids) is distinct from
           (excluded.title, excluded.url, excluded.labels, excluded.created_at, excluded.closed_at, excluded.linked_shas, excluded.linked_deployment_ids)`,
    [repoId, issue.number, issue.title, issue.url, issue.labels, issue.createdAt, issue.closedAt, issue.linkedShas, issue.linkedDeploymentIds],
  );
  return rowCount === 1;
}

/** Forgets an issue that was deleted or transferred away. */
export async function deleteDoraIssue(db: Queryable, repoId: number, issueNumber: number): Promise<void> {
  await db.query("delete from dora_issues where repo_id = $1 and issue_number = $2", [repoId, issueNumber]);
}

/** The issues carrying `label` (compared case-insensitively): the incidents. */
export async function listDoraIncidents(db: Queryable, repoId: number, label: string): Promise<DoraIncident[]> {
  const { rows } = await db.query<DoraIncident>({
    text: `select issue_number as number, url, created_at as "createdAt", closed_at as "closedAt", linked_shas as "linkedShas",
             linked_deployment_ids as "linkedDeploymentIds"
           from dora_issues where repo_id = $1 and exists (select 1 from unnest(labels) l where lower(l) = lower($2))
           order by issue_number`,
    values: [repoId, label],
    types: bigintAsNumber,
  });
  return rows.map((row) => ({ ...row, linkedDeploymentIds: row.linkedDeploymentIds.map(Number) }));
}
