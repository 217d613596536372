import type { DoraConfig } from "../../config/schema/kaizen-config.js";
import type { Queryable } from "../../db/queryable.js";

/** The settings the keys are computed with; the dashboard reads them back, the rest of the config stays in GitHub. */
export type DoraSettings = Pick<DoraConfig, "production" | "incident_label">;

/** Keeps the settings the config gave now; a write only when they changed, so every read of the config can call it. */
export async function saveDoraSettings(db: Queryable, repoId: number, settings: DoraSettings): Promise<void> {
  await db.query({
    text: `insert into dora_settings (repo_id, production, incident_label) values ($1, $2, $3)
           on conflict (repo_id) do update set production = excluded.production, incident_label = excluded.incident_label, updated_at = now()
            where dora_settings.production is distinct from excluded.production or dora_settings.incident_label is distinct from excluded.incident_label`,
    values: [repoId, [...settings.production], settings.incident_label],
  });
}

/** The settings last read from the repository's config; null when it was never read. */
export async function getDoraSettings(db: Queryable, repoId: number): Promise<DoraSettings | null> {
  const { rows } = await db.query<DoraSettings>({
    text: `select production, incident_label from dora_settings where repo_id = $1`,
    values: [repoId],
  });
  return rows[0] ?? null;
}
