import { createHash } from "node:crypto";
import type { RadarConfig } from "../config/kaizen-config.js";
import type { RadarItem } from "./model/radar-item.js";
import { displayName } from "./model/display-name.js";
import type { GitHubClient } from "../github/github-client.js";
import { kaizenMarker } from "../github/kaizen-marker.js";
import { renderRadarTemplate } from "./templates.js";
import { upsertComment } from "../github/upsert-comment.js";

/**
 * Explains on the issue why its labels cannot place it on the radar and how to fix them. The marker is a digest
 * of the problem, so the same problem is explained in one comment however often the job runs.
 */
export async function explainRadarProblem(
  octokit: GitHubClient,
  config: RadarConfig,
  item: Pick<RadarItem, "owner" | "repo" | "issueNumber" | "ring" | "quadrant"> & { problem: string },
): Promise<number> {
  const marker = kaizenMarker("radar-problem", createHash("sha1").update(item.problem).digest("hex").slice(0, 12));
  const kept = item.ring && item.quadrant ? { ring: displayName(item.ring), quadrant: displayName(item.quadrant) } : null;
  const body = renderRadarTemplate("radar-problem", {
    marker,
    problems: item.problem.split("\n"),
    kept,
    example: {
      ring: config.ring_prefix + config.proposal_ring,
      quadrant: config.quadrant_prefix + (config.quadrants[0] ?? ""),
    },
  });
  const { id } = await upsertComment(octokit, { owner: item.owner, repo: item.repo, issueNumber: item.issueNumber, marker, body });
  return id;
}
