import type { NewRadarMovement, RadarMovement, RadarRepoMovement } from "../model/radar-item.js";
import { queryRow, queryRows } from "../../db/query-rows.js";
import type { Queryable } from "../../db/queryable.js";

const COLUMNS = `m.id, m.item_id as "itemId", m.field, m.from_value as "from", m.to_value as "to", m.actor, m.reason,
  m.source, m.link, m.moved_at as "movedAt", m.idempotency_key as "idempotencyKey",
  m.announcement_comment_id as "announcementCommentId"`;

/**
 * Records a movement once per idempotency key and returns it; a retry with the same key returns the row
 * recorded first (the no-op update makes a racing insert wait and return that row).
 */
export async function recordRadarMovement(db: Queryable, movement: NewRadarMovement): Promise<RadarMovement> {
  return (await queryRow<RadarMovement>(
    db,
    `insert into radar_movements as m (item_id, field, from_value, to_value, actor, reason, source, link, moved_at,
             idempotency_key)
           values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
           on conflict (idempotency_key) do update set idempotency_key = excluded.idempotency_key
           returning ${COLUMNS}`,
    [
      movement.itemId, movement.field, movement.from, movement.to, movement.actor, movement.reason, movement.source,
      movement.link, movement.movedAt, movement.idempotencyKey,
    ],
  ))!;
}

/** The movement recorded under an idempotency key, if any: a retried job resumes from it. */
export async function findRadarMovement(db: Queryable, idempotencyKey: string): Promise<RadarMovement | null> {
  return queryRow<RadarMovement>(
    db,
    `select ${COLUMNS} from radar_movements m where m.idempotency_key = $1`,
    [idempotencyKey],
  );
}

/** Records the comment that announced the movement, so it is never announced again. */
export async function setRadarMovementAnnounced(db: Queryable, id: number, commentId: number): Promise<void> {
  await db.query({
    text: `update radar_movements set announcement_comment_id = $2 where id = $1`,
    values: [id, commentId],
  });
}

/** An item's history, oldest first. */
export async function listRadarMovementsByItem(db: Queryable, itemId: number): Promise<RadarMovement[]> {
  return queryRows<RadarMovement>(
    db,
    `select ${COLUMNS} from radar_movements m where m.item_id = $1 order by m.moved_at, m.id`,
    [itemId],
  );
}

/** Every movement of a repository's items (any kind) after `since` (all of them for null), oldest first. */
export async function listRadarMovementsSince(
  db: Queryable,
  repoId: number,
  since: Date | null,
): Promise<RadarRepoMovement[]> {
  return queryRows<RadarRepoMovement>(
    db,
    `select ${COLUMNS}, i.issue_number as "issueNumber"
           from radar_movements m join radar_items i on i.id = m.item_id
           where i.repo_id = $1 and ($2::timestamptz is null or m.moved_at > $2)
           order by m.moved_at, m.id`,
    [repoId, since],
  );
}
