import type { GitHubClient } from "./github-client.js";
import { KAIZEN_ISSUE_LABEL } from "./issues.js";

/**
 * The open `kaizen`-labelled issue whose body carries `marker`, or null. This is the fallback for finding an
 * issue the database does not know (lost row, issue opened by an earlier install), so duplicates are not opened.
 */
export async function findOpenIssueByMarker(
  octokit: GitHubClient,
  { owner, repo, marker }: { owner: string; repo: string; marker: string },
): Promise<{ number: number; url: string } | null> {
  const pages = octokit.paginate.iterator(octokit.rest.issues.listForRepo, {
    owner,
    repo,
    state: "open",
    labels: KAIZEN_ISSUE_LABEL,
    per_page: 100,
  });
  for await (const { data } of pages) {
    // The issues API lists pull requests too.
    const found = data.find((issue) => !issue.pull_request && issue.body?.includes(marker));
    if (found) return { number: found.number, url: found.html_url };
  }
  return null;
}
