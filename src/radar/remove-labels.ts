import type { GitHubClient } from "../github/github-client.js";
import { unlessNotFound } from "../github/unless-not-found.js";

/** Removes labels from an issue; one already gone (404) is what was wanted, so a retry passes over it. */
export async function removeRadarLabels(
  octokit: GitHubClient,
  target: { owner: string; repo: string; issueNumber: number },
  labels: readonly string[],
): Promise<void> {
  for (const name of labels) {
    await unlessNotFound(
      octokit.rest.issues.removeLabel({ owner: target.owner, repo: target.repo, issue_number: target.issueNumber, name }),
    );
  }
}
