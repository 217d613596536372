import type { RadarTrendLink } from "../model/radar-item.js";
import { queryRows } from "../../db/query-rows.js";
import type { Queryable } from "../../db/queryable.js";

/** Makes `radarIssueNumbers` the exact set of items the trend links to (its body was re-read). */
export async function replaceRadarTrendLinks(
  db: Queryable,
  trendItemId: number,
  repoId: number,
  radarIssueNumbers: readonly number[],
): Promise<void> {
  await db.query({
    text: `with gone as (
             delete from radar_trend_links where trend_item_id = $1 and radar_issue_number <> all($3::int[])
           )
           insert into radar_trend_links (trend_item_id, repo_id, radar_issue_number)
           select $1, $2, n from unnest($3::int[]) as n
           on conflict do nothing`,
    values: [trendItemId, repoId, [...radarIssueNumbers]],
  });
}

/** Every link of a repository's trends, whether or not the mentioned issue is a radar item (yet). */
export async function listRadarTrendLinks(db: Queryable, repoId: number): Promise<RadarTrendLink[]> {
  return queryRows<RadarTrendLink>(
    db,
    `select t.issue_number as "trendIssueNumber", l.radar_issue_number as "radarIssueNumber"
           from radar_trend_links l join radar_items t on t.id = l.trend_item_id
           where l.repo_id = $1 order by 1, 2`,
    [repoId],
  );
}
