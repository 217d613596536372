import type { NewRadarReview, RadarReview } from "../model/radar-item.js";
import { queryRow } from "../../db/query-rows.js";
import type { Queryable } from "../../db/queryable.js";

const COLUMNS = `id, repo_id as "repoId", issue_number as "issueNumber", url, period,
  previous_review_id as "previousReviewId", created_at as "createdAt"`;

/** Records a review issue; a second one for the same period returns the first. */
export async function recordRadarReview(db: Queryable, review: NewRadarReview): Promise<RadarReview> {
  return (await queryRow<RadarReview>(
    db,
    `insert into radar_reviews (repo_id, issue_number, url, period, previous_review_id)
           values ($1, $2, $3, $4, $5)
           on conflict (repo_id, period) do update set period = excluded.period
           returning ${COLUMNS}`,
    [review.repoId, review.issueNumber, review.url, review.period, review.previousReviewId],
  ))!;
}

/** The scheduled review of a period, if one was opened. */
export async function getRadarReviewForPeriod(db: Queryable, repoId: number, period: string): Promise<RadarReview | null> {
  return queryRow<RadarReview>(
    db,
    `select ${COLUMNS} from radar_reviews where repo_id = $1 and period = $2`,
    [repoId, period],
  );
}

/** The most recent review of the repository; null before the first. */
export async function getLatestRadarReview(db: Queryable, repoId: number): Promise<RadarReview | null> {
  return queryRow<RadarReview>(
    db,
    `select ${COLUMNS} from radar_reviews where repo_id = $1 order by created_at desc, id desc limit 1`,
    [repoId],
  );
}
