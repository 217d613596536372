import type { NewRadarItem, RadarItem, RadarItemKind } from "../model/radar-item.js";
import { queryRow, queryRows } from "../../db/query-rows.js";
import { bigintAsNumber } from "../../db/bigint-as-number.js";
import type { Queryable } from "../../db/queryable.js";

const COLUMNS = `id, repo_id as "repoId", owner, repo, installation_id as "installationId", issue_number as "issueNumber",
  kind, title, body, url, ring, quadrant, trend, impact, status, thumbs_up as "thumbsUp", problem,
  announced_problem as "announcedProblem", synced_at as "syncedAt", last_reviewed_at as "lastReviewedAt", created_at as "createdAt",
  updated_at as "updatedAt"`;

export async function getRadarItem(db: Queryable, repoId: number, issueNumber: number): Promise<RadarItem | null> {
  return queryRow<RadarItem>(
    db,
    `select ${COLUMNS} from radar_items where repo_id = $1 and issue_number = $2`,
    [repoId, issueNumber],
  );
}

/** Inserts the item or overwrites every field of the one for the same issue; returns the stored row. */
export async function upsertRadarItem(db: Queryable, item: NewRadarItem): Promise<RadarItem> {
  return (await queryRow<RadarItem>(
    db,
    `insert into radar_items (repo_id, owner, repo, installation_id, issue_number, kind, title, body, url, ring,
             quadrant, trend, impact, status, thumbs_up, problem, announced_problem, synced_at)
           values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18)
           on conflict (repo_id, issue_number) do update set owner = excluded.owner, repo = excluded.repo,
             installation_id = excluded.installation_id, kind = excluded.kind, title = excluded.title,
             body = excluded.body, url = excluded.url, ring = excluded.ring, quadrant = excluded.quadrant,
             trend = excluded.trend, impact = excluded.impact, status = excluded.status,
             thumbs_up = excluded.thumbs_up, problem = excluded.problem,
             announced_problem = excluded.announced_problem,
             synced_at = coalesce(excluded.synced_at, radar_items.synced_at), updated_at = now()
           returning ${COLUMNS}`,
    [
      item.repoId, item.owner, item.repo, item.installationId, item.issueNumber, item.kind, item.title, item.body,
      item.url, item.ring, item.quadrant, item.trend, item.impact, item.status, item.thumbsUp, item.problem,
      item.announcedProblem, item.syncedAt ?? null,
    ],
  ))!;
}

/** Records that the bot explained `problem` on the issue (after the comment was posted). */
export async function setRadarItemAnnouncedProblem(db: Queryable, id: number, problem: string | null): Promise<void> {
  await db.query({ text: `update radar_items set announced_problem = $2 where id = $1`, values: [id, problem] });
}

/** Every item of a repository of one kind, in any status, by issue number. */
export async function listRadarItems(db: Queryable, repoId: number, kind: RadarItemKind): Promise<RadarItem[]> {
  return queryRows<RadarItem>(
    db,
    `select ${COLUMNS} from radar_items where repo_id = $1 and kind = $2 order by issue_number`,
    [repoId, kind],
  );
}

/** A repository that has radar items, with the installation that last delivered an event for it. */
export interface RadarRepo {
  repoId: number;
  owner: string;
  repo: string;
  installationId: number;
}

/** Every repository with at least one radar item (scheduled reviews go through this list). */
export async function listRadarRepos(db: Queryable): Promise<RadarRepo[]> {
  const { rows } = await db.query<RadarRepo>({
    text: `select distinct on (repo_id) repo_id as "repoId", owner, repo, installation_id as "installationId"
           from radar_items where kind = 'radar' order by repo_id, updated_at desc`,
    types: bigintAsNumber,
  });
  return rows;
}

/** Marks every item of the repository still on the radar (active or pending) as reviewed at `at`. */
export async function markRadarItemsReviewed(db: Queryable, repoId: number, at: Date): Promise<void> {
  await db.query({
    text: `update radar_items set last_reviewed_at = $2 where repo_id = $1 and status in ('active', 'pending')`,
    values: [repoId, at],
  });
}

/** Stores an item's 👍 count (reactions are not delivered as issue events, so they are read when needed). */
export async function setRadarItemThumbsUp(db: Queryable, id: number, thumbsUp: number): Promise<void> {
  await db.query({ text: `update radar_items set thumbs_up = $2 where id = $1`, values: [id, thumbsUp] });
}
