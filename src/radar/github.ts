import type { RadarConfig } from "../config/kaizen-config.js";
import type { GitHubClient } from "../github/github-client.js";
import { unlessNotFound } from "../github/unless-not-found.js";

/**
 * Makes `ring` the issue's only ring label. The old labels go first and the new one is added after, so no
 * `issues` event of the move shows two ring labels (which the label sync would take for a problem). Safe to
 * repeat: a label already removed (404) or already there changes nothing.
 */
export async function moveRingLabels(
  octokit: GitHubClient,
  { owner, repo, issueNumber }: { owner: string; repo: string; issueNumber: number },
  config: RadarConfig,
  labels: readonly string[],
  ring: string,
): Promise<void> {
  const target = `${config.ring_prefix}${ring}`;
  const prefix = config.ring_prefix.toLowerCase();
  const isRingLabel = (label: string) => label.toLowerCase().startsWith(prefix);
  for (const label of labels.filter((l) => isRingLabel(l) && l.toLowerCase() !== target.toLowerCase())) {
    await unlessNotFound(octokit.rest.issues.removeLabel({ owner, repo, issue_number: issueNumber, name: label }));
  }
  if (!labels.some((label) => label.toLowerCase() === target.toLowerCase())) {
    await octokit.rest.issues.addLabels({ owner, repo, issue_number: issueNumber, labels: [target] });
  }
}
