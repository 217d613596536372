import { bigintAsNumber } from "../../db/bigint-as-number.js";
import type { InstalledRepo } from "../../github/installed-repo.js";
import type { Queryable } from "../../db/queryable.js";

export type GateDecision = "approved" | "rejected";

/** A row of `gate_requests`: one deployment protection request, decided once, answered once. */
export interface GateRequestRow extends InstalledRepo {
  id: number;
  githubDeploymentId: number;
  environment: string;
  sha: string;
  callbackUrl: string;
  repoUrl: string;
  receivedAt: Date;
  decision: GateDecision | null;
  reason: string | null;
  comment: string | null;
  decidedAt: Date | null;
  answeredAt: Date | null;
}

export type NewGateRequest = Omit<GateRequestRow, "id" | "decision" | "reason" | "comment" | "decidedAt" | "answeredAt">;

const COLUMNS = `id, repo_id as "repoId", owner, repo, installation_id as "installationId",
  github_deployment_id as "githubDeploymentId", environment, sha, callback_url as "callbackUrl", repo_url as "repoUrl",
  received_at as "receivedAt", decision, reason, comment, decided_at as "decidedAt", answered_at as "answeredAt"`;

/**
 * Stores a protection request; a redelivery of the same event (same deployment and environment) lands on the
 * stored row, which is returned as it stands, so the caller sees whether it was decided already.
 */
export async function recordGateRequest(db: Queryable, r: NewGateRequest): Promise<GateRequestRow> {
  const { rows } = await db.query<GateRequestRow>({
    text: `with inserted as (
             insert into gate_requests (repo_id, owner, repo, installation_id, github_deployment_id, environment, sha,
                                        callback_url, repo_url, received_at)
             values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
             on conflict (repo_id, github_deployment_id, environment) do nothing
             returning ${COLUMNS}
           )
           select * from inserted
           union all
           select ${COLUMNS} from gate_requests
            where repo_id = $1 and github_deployment_id = $5 and environment = $6 and not exists (select 1 from inserted)`,
    values: [r.repoId, r.owner, r.repo, r.installationId, r.githubDeploymentId, r.environment, r.sha, r.callbackUrl, r.repoUrl, r.receivedAt],
    types: bigintAsNumber,
  });
  const row = rows[0];
  if (!row) throw new Error(`gate request for deployment ${r.githubDeploymentId} was neither stored nor found`);
  return row;
}

export async function getGateRequest(db: Queryable, id: number): Promise<GateRequestRow | null> {
  const { rows } = await db.query<GateRequestRow>({ text: `select ${COLUMNS} from gate_requests where id = $1`, values: [id], types: bigintAsNumber });
  return rows[0] ?? null;
}

/**
 * Records the decision unless one was made already (compare-and-set), and returns the request as decided: a job
 * retried after deciding answers with the first decision, never a second one.
 */
export async function decideGateRequest(
  db: Queryable,
  id: number,
  d: { decision: GateDecision; reason: string; comment: string; at: Date },
): Promise<GateRequestRow> {
  await db.query({
    text: `update gate_requests set decision = $2, reason = $3, comment = $4, decided_at = $5 where id = $1 and decision is null`,
    values: [id, d.decision, d.reason, d.comment, d.at],
  });
  const row = await getGateRequest(db, id);
  if (!row) throw new Error(`gate request ${id} is gone`);
  return row;
}

export async function markGateAnswered(db: Queryable, id: number, at: Date): Promise<void> {
  await db.query({ text: "update gate_requests set answered_at = $2 where id = $1 and answered_at is null", values: [id, at] });
}
