import { queryRows } from "../../db/query-rows.js";
import type { RadarTrendLink } from "../model/radar-item.js";
import type { Queryable } from "../../db/queryable.js";

/**
 * The links between a repository's trends and its radar items, as readers show them: a mention of an issue that
 * is not a radar item (or of one gone) is left out, and so are trends that are gone. Links are stored by issue
 * number, so an issue labelled `radar` after the trend mentioned it shows up from then on.
 */
export async function listTrendLinksToRadarItems(db: Queryable, repoId: number): Promise<RadarTrendLink[]> {
  return queryRows<RadarTrendLink>(
    db,
    `select t.issue_number as "trendIssueNumber", l.radar_issue_number as "radarIssueNumber"
           from radar_trend_links l
           join radar_items t on t.id = l.trend_item_id
           join radar_items r on r.repo_id = l.repo_id and r.issue_number = l.radar_issue_number
           where l.repo_id = $1 and t.kind = 'trend' and t.status <> 'gone' and r.kind = 'radar' and r.status <> 'gone'
           order by 1, 2`,
    [repoId],
  );
}
