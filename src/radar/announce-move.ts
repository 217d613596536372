import type { RadarMovement } from "./model/radar-item.js";
import { displayName } from "./model/display-name.js";
import type { GitHubClient } from "../github/github-client.js";
import { kaizenMarker } from "../github/kaizen-marker.js";
import { renderRadarTemplate } from "./templates.js";
import { upsertComment } from "../github/upsert-comment.js";

/**
 * Announces a ring or quadrant move on its issue ("Moved Assess → Trial by @x") and returns the comment's id.
 * The marker names the movement, so a retried job finds the comment it posted before instead of posting again.
 */
export async function announceRadarMove(
  octokit: GitHubClient,
  target: { owner: string; repo: string; issueNumber: number },
  movement: Pick<RadarMovement, "id" | "field" | "from" | "to" | "actor">,
): Promise<number> {
  const marker = kaizenMarker("radar-moved", String(movement.id));
  const body = renderRadarTemplate("radar-moved", {
    marker,
    field: movement.field,
    from: displayName(movement.from ?? ""),
    to: displayName(movement.to ?? ""),
    actor: movement.actor,
  });
  const { id } = await upsertComment(octokit, { ...target, marker, body });
  return id;
}
