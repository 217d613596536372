import type { GitHubClient } from "../github/github-client.js";

/**
 * The 👍 count of every open issue carrying `label`, by issue number. Reactions arrive with no webhook, so the
 * review reads them when it is built; the issues list carries the counts, one call per 100 issues.
 */
export async function listThumbsUp(
  octokit: GitHubClient,
  { owner, repo, label }: { owner: string; repo: string; label: string },
): Promise<Map<number, number>> {
  const counts = new Map<number, number>();
  const pages = octokit.paginate.iterator(octokit.rest.issues.listForRepo, { owner, repo, labels: label, state: "open", per_page: 100 });
  for await (const { data } of pages) {
    for (const issue of data) {
      if (!issue.pull_request) counts.set(issue.number, issue.reactions?.["+1"] ?? 0);
    }
  }
  return counts;
}
