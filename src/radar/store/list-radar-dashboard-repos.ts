import { bigintAsNumber } from "../../db/bigint-as-number.js";
import type { Queryable } from "../../db/queryable.js";

/**
 * The repositories the radar page answers for (a radar item, trends alone do not draw a radar), under their latest
 * known names: for the dashboard's list, so a repository with a radar alone is listed too.
 */
export async function listRadarDashboardRepos(db: Queryable): Promise<{ id: number; owner: string; name: string }[]> {
  const { rows } = await db.query<{ id: number; owner: string; name: string }>({
    text: `select distinct on (repo_id) repo_id as id, owner, repo as name from radar_items
           where kind = 'radar' order by repo_id, updated_at desc, id desc`,
    types: bigintAsNumber,
  });
  return rows;
}
