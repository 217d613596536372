import type { Queryable } from "../../db/queryable.js";

/** Whether the comment or label event (`comment:<id>`, `label:<delivery>`) was carried out already. */
export async function hasFeedbackDelivery(db: Queryable, key: string): Promise<boolean> {
  const { rowCount } = await db.query({ text: `select 1 from feedback_deliveries where key = $1`, values: [key] });
  return (rowCount ?? 0) > 0;
}

/** Records the comment or label event carried out; called once everything it caused is recorded and posted. */
export async function recordFeedbackDelivery(db: Queryable, key: string): Promise<void> {
  await db.query({ text: `insert into feedback_deliveries (key) values ($1) on conflict do nothing`, values: [key] });
}
