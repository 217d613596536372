import type { Queryable } from "../../db/queryable.js";

/** Whether the webhook delivery was synced into the radar already (a redelivery is skipped whole). */
export async function hasRadarDelivery(db: Queryable, deliveryId: string): Promise<boolean> {
  const { rowCount } = await db.query({
    text: `select 1 from radar_deliveries where delivery_id = $1`,
    values: [deliveryId],
  });
  return (rowCount ?? 0) > 0;
}

/** Marks the delivery synced; called once everything it caused is recorded and posted. */
export async function recordRadarDelivery(db: Queryable, deliveryId: string): Promise<void> {
  await db.query({
    text: `insert into radar_deliveries (delivery_id) values ($1) on conflict do nothing`,
    values: [deliveryId],
  });
}
