import { createHash } from "node:crypto";
import type { RadarConfig } from "../config/schema/kaizen-config.js";
import type { GitHubClient } from "../github/github-client.js";
import { kaizenMarker } from "../github/kaizen-marker.js";
import { upsertComment } from "../github/upsert-comment.js";
import { displayName } from "./model/display-name.js";
import type { RadarItem } from "./model/radar-item.js";
import { renderRadarTemplate } from "./templates.js";

/** An item whose labels cannot be used, with what is wrong: a radar item's ring and quadrant, or a trend's labels. */
export type ProblemItem = Pick<RadarItem, "kind" | "owner" | "repo" | "issueNumber" | "ring" | "quadrant" | "trend" | "impact"> & {
  problem: string;
};

/**
 * Explains on the issue why its labels cannot be used and how to fix them, keeping what the item keeps meanwhile.
 * The marker is a digest of the problem, so the same problem is explained in one comment however often the job runs.
 */
export async function explainProblem(octokit: GitHubClient, config: RadarConfig, item: ProblemItem): Promise<number> {
  const marker = kaizenMarker("radar-problem", createHash("sha1").update(item.problem).digest("hex").slice(0, 12));
  const problems = item.problem.split("\n");
  const body =
    item.kind === "trend"
      ? renderRadarTemplate("radar-trend-problem", {
          marker,
          problems,
          kept: item.trend && item.impact ? { trend: item.trend, impact: item.impact } : null,
          example: { trend: `${config.trend_prefix}rising`, impact: `${config.impact_prefix}high` },
        })
      : renderRadarTemplate("radar-problem", {
          marker,
          problems,
          kept: item.ring && item.quadrant ? { ring: displayName(item.ring), quadrant: displayName(item.quadrant) } : null,
          example: { ring: config.ring_prefix + config.proposal_ring, quadrant: config.quadrant_prefix + (config.quadrants[0] ?? "") },
        });
  const { id } = await upsertComment(octokit, { owner: item.owner, repo: item.repo, issueNumber: item.issueNumber, marker, body });
  return id;
}
