import { queryRow, queryRows } from "../../db/query-rows.js";
import type { Queryable } from "../../db/queryable.js";
import type { ActiveMute } from "../../db/verdict-feedback.js";

export interface NewMute {
  repoId: number;
  owner: string;
  repo: string;
  subject: string;
  startsAt: Date;
  until: Date;
  reason: string;
  actor: string;
  link: string | null;
  idempotencyKey: string;
}

const COLUMNS = `id, subject, starts_at as "startsAt", until, reason, actor`;

/** Records a mute once per idempotency key; a retry gets the stored one back. */
export async function recordMute(db: Queryable, mute: NewMute): Promise<ActiveMute> {
  return (await queryRow<ActiveMute>(
    db,
    `with inserted as (
             insert into feedback_mutes (repo_id, owner, repo, subject, starts_at, until, reason, actor, link, idempotency_key)
             values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
             on conflict (idempotency_key) do nothing
             returning ${COLUMNS})
           select * from inserted union all select ${COLUMNS} from feedback_mutes where idempotency_key = $10`,
    [mute.repoId, mute.owner, mute.repo, mute.subject, mute.startsAt, mute.until, mute.reason, mute.actor, mute.link, mute.idempotencyKey],
  ))!;
}

/** Lifts the mutes of `subject` (case-insensitive) in force at `at`; returns the ones lifted (a retry: the same). */
export async function liftMutes(db: Queryable, repoId: number, subject: string, by: string, at: Date): Promise<ActiveMute[]> {
  return queryRows<ActiveMute>(
    db,
    `update feedback_mutes set lifted_at = $4, lifted_by = $3
            where repo_id = $1 and lower(subject) = lower($2) and until > $4
              and (lifted_at is null or (lifted_at = $4 and lifted_by = $3))
            returning ${COLUMNS}`,
    [repoId, subject, by, at],
  );
}
