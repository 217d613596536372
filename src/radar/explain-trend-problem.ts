import { createHash } from "node:crypto";
import type { RadarConfig } from "../config/kaizen-config.js";
import type { RadarItem } from "./model/radar-item.js";
import type { GitHubClient } from "../github/github-client.js";
import { kaizenMarker } from "../github/kaizen-marker.js";
import { renderRadarTemplate } from "./templates.js";
import { upsertComment } from "../github/upsert-comment.js";

/**
 * Explains on a market trend's issue why its labels cannot be used and how to fix them. Like a radar item's, the
 * marker is a digest of the problem, so the same problem is explained in one comment however often the job runs.
 */
export async function explainTrendProblem(
  octokit: GitHubClient,
  config: RadarConfig,
  item: Pick<RadarItem, "owner" | "repo" | "issueNumber" | "trend" | "impact"> & { problem: string },
): Promise<number> {
  const marker = kaizenMarker("radar-problem", createHash("sha1").update(item.problem).digest("hex").slice(0, 12));
  const body = renderRadarTemplate("radar-trend-problem", {
    marker,
    problems: item.problem.split("\n"),
    kept: item.trend && item.impact ? { trend: item.trend, impact: item.impact } : null,
    example: { trend: `${config.trend_prefix}rising`, impact: `${config.impact_prefix}high` },
  });
  const { id } = await upsertComment(octokit, { owner: item.owner, repo: item.repo, issueNumber: item.issueNumber, marker, body });
  return id;
}
