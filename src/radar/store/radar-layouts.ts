import type { Queryable } from "../../db/queryable.js";

/** A radar's rings (innermost first) and quadrants, in the config's order. */
export interface RadarLayout {
  rings: string[];
  quadrants: string[];
}

/** Keeps the layout the config gave now; a write only when it changed, so every issue event can call it. */
export async function saveRadarLayout(db: Queryable, repoId: number, layout: { rings: readonly string[]; quadrants: readonly string[] }): Promise<void> {
  await db.query({
    text: `insert into radar_layouts (repo_id, rings, quadrants) values ($1, $2, $3)
           on conflict (repo_id) do update set rings = excluded.rings, quadrants = excluded.quadrants, updated_at = now()
            where radar_layouts.rings is distinct from excluded.rings or radar_layouts.quadrants is distinct from excluded.quadrants`,
    values: [repoId, [...layout.rings], [...layout.quadrants]],
  });
}

/** The layout last read from the repository's config; null when it was never read. */
export async function getRadarLayout(db: Queryable, repoId: number): Promise<RadarLayout | null> {
  const { rows } = await db.query<RadarLayout>({ text: "select rings, quadrants from radar_layouts where repo_id = $1", values: [repoId] });
  return rows[0] ?? null;
}
