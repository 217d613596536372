import type { Queryable } from "./queryable.js";

/** Asks per delivery before Kaizen stops asking (each failed redelivery is a new failed attempt of the same guid). */
const MAX_ASKS = 3;

/**
 * Claims the right to ask GitHub to redeliver `guid`: true for the one caller (across replicas) whose claim
 * wins, and only if this delivery was not asked for in the last 10 minutes nor asked for MAX_ASKS times already.
 */
export async function claimRedelivery(db: Queryable, claim: { guid: string; deliveryId: number; event: string }): Promise<boolean> {
  const { rowCount } = await db.query(
    `insert into webhook_redeliveries (guid, delivery_id, event) values ($1, $2, $3)
     on conflict (guid) do update set asks = webhook_redeliveries.asks + 1, asked_at = now(), delivery_id = excluded.delivery_id
     where webhook_redeliveries.asks < $4 and webhook_redeliveries.asked_at < now() - interval '10 minutes'`,
    [claim.guid, claim.deliveryId, claim.event, MAX_ASKS],
  );
  return rowCount === 1;
}

/** The newest delivery id the last complete scan saw, or null before the first. */
export async function getScannedDeliveryId(db: Queryable): Promise<number | null> {
  const { rows } = await db.query<{ newest_id: string }>("select newest_id from webhook_delivery_scan");
  return rows[0] ? Number(rows[0].newest_id) : null;
}

/** Records how far a complete scan got (never backwards). */
export async function setScannedDeliveryId(db: Queryable, newestId: number): Promise<void> {
  await db.query(
    `insert into webhook_delivery_scan (newest_id) values ($1)
     on conflict (id) do update set newest_id = greatest(webhook_delivery_scan.newest_id, $1), scanned_at = now()`,
    [newestId],
  );
}
