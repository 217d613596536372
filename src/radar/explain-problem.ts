import { createHash } from "node:crypto";
import type { RadarConfig } from "../config/kaizen-config.js";
import type { GitHubClient } from "../github/github-client.js";
import { kaizenMarker } from "../github/kaizen-marker.js";
import { upsertComment } from "../github/upsert-comment.js";
import { displayName } from "./model/display-name.js";
import type { RadarItem } from "./model/radar-item.js";
import { renderRadarTemplate } from "./templates.js";

type ProblemItem = Pick<RadarItem, "owner" | "repo" | "issueNumber"> & { problem: string };

/**
 * Explains on the issue why its labels cannot place it on the radar and how to fix them. The marker is a digest
 * of the problem, so the same problem is explained in one comment however often the job runs.
 */
export async function explainRadarProblem(
  octokit: GitHubClient,
  config: RadarConfig,
  item: ProblemItem & Pick<RadarItem, "ring" | "quadrant">,
): Promise<number> {
  const marker = problemMarker(item.problem);
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
  return postProblem(octokit, item, marker, body);
}

/** The same for a market trend's issue: its direction and impact labels. */
export async function explainTrendProblem(
  octokit: GitHubClient,
  config: RadarConfig,
  item: ProblemItem & Pick<RadarItem, "trend" | "impact">,
): Promise<number> {
  const marker = problemMarker(item.problem);
  const body = renderRadarTemplate("radar-trend-problem", {
    marker,
    problems: item.problem.split("\n"),
    kept: item.trend && item.impact ? { trend: item.trend, impact: item.impact } : null,
    example: { trend: `${config.trend_prefix}rising`, impact: `${config.impact_prefix}high` },
  });
  return postProblem(octokit, item, marker, body);
}

function problemMarker(problem: string): string {
  return kaizenMarker("radar-problem", createHash("sha1").update(problem).digest("hex").slice(0, 12));
}

async function postProblem(octokit: GitHubClient, item: ProblemItem, marker: string, body: string): Promise<number> {
  const { id } = await upsertComment(octokit, { owner: item.owner, repo: item.repo, issueNumber: item.issueNumber, marker, body });
  return id;
}
