import type { Probot } from "probot";
import type { AppDeps } from "../app-deps.js";
import { listRadarItems, setRadarItemThumbsUp } from "./store/radar-items.js";
import { getLatestRadarReview, getRadarReviewForPeriod, recordRadarReview } from "./store/radar-reviews.js";
import { type RadarReview } from "./model/radar-item.js";
import { buildRadarReview } from "./model/build-radar-review.js";
import { findOrOpenIssue, openIssue } from "../github/issues.js";
import { kaizenMarker } from "../github/kaizen-marker.js";
import { listThumbsUp } from "./github.js";
import { renderRadarTemplate } from "./templates.js";
import { dashboardUrl } from "../markdown/dashboard-url.js";
import { loadRadar } from "./load-radar.js";

export interface OpenRadarReviewRequest {
  /** The repository by id: its name may have changed since the review was asked for. */
  repoId: number;
  /** The scheduled occurrence the review is for (ISO 8601), at most one review each; null for one on demand. */
  period: string | null;
}

/**
 * Opens the review issue of a repository's radar; returns it, or null when the repository has no radar.
 * A scheduled review is opened once per period, retries included: the period is looked up in the database,
 * then on GitHub by its hidden marker (an attempt that opened the issue but failed before recording it).
 *
 * 1. radar    — config and snapshot (loadRadar); none → null.
 * 2. db       — the period's review, if recorded already → returned as it is.
 * 3. github   — the 👍 on the open radar issues (stored too).
 * 4. analysis — buildRadarReview, rendered from templates/radar-review.md.hbs.
 * 5. github   — the open issue carrying the period's marker, else a new one labelled `kaizen` and
 *               radar.review.labels (on demand: always a new one).
 * 6. db       — the review recorded with the previous one.
 */
export async function openRadarReview(
  app: Probot,
  deps: Pick<AppDeps, "pool" | "sources" | "now" | "publicUrl">,
  request: OpenRadarReviewRequest,
): Promise<RadarReview | null> {
  const radar = await loadRadar(app, deps, request.repoId);
  if (!radar) return null;
  const { owner, repo } = radar.snapshot.repo;
  const { period } = request;

  if (period !== null) {
    const recorded = await getRadarReviewForPeriod(deps.pool, radar.repoId, period);
    if (recorded) return recorded;
  }
  const now = deps.now();
  const marker = kaizenMarker("radar-review", period ?? `on-demand:${now.toISOString()}`);
  const previous = await getLatestRadarReview(deps.pool, radar.repoId);
  const record = (issue: { number: number; url: string }) =>
    recordRadarReview(deps.pool, { repoId: radar.repoId, issueNumber: issue.number, url: issue.url, period, previousReviewId: previous?.id ?? null });

  const thumbsUp = await listThumbsUp(radar.octokit, { owner, repo, label: radar.config.label });
  await storeThumbsUp(deps, radar.repoId, thumbsUp);
  const context = buildRadarReview(radar.snapshot, {
    marker,
    now,
    proposalRing: radar.config.proposal_ring,
    staleAfterMs: radar.config.review.stale_after,
    thumbsUp,
    dashboard: dashboardUrl(deps.publicUrl, { owner, repo }, "radar"),
  });
  const title = `Tech radar review, ${(period ?? now.toISOString()).slice(0, 10)}`;
  const issue = { owner, repo, title, body: renderRadarTemplate("radar-review", context), labels: radar.config.review.labels };
  return record(period === null ? await openIssue(radar.octokit, issue) : await findOrOpenIssue(radar.octokit, { ...issue, marker }));
}

/** Keeps the stored counts (which the exports show) in step with what the review read. */
async function storeThumbsUp(deps: Pick<AppDeps, "pool">, repoId: number, thumbsUp: ReadonlyMap<number, number>): Promise<void> {
  for (const item of await listRadarItems(deps.pool, repoId, "radar")) {
    const count = thumbsUp.get(item.issueNumber);
    if (count !== undefined && count !== item.thumbsUp) await setRadarItemThumbsUp(deps.pool, item.id, count);
  }
}
