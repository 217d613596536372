import type { GitHubClient } from "./github-client.js";

/** Every issue Kaizen opens carries this label; findOpenIssueByMarker only looks at issues with it. */
export const KAIZEN_ISSUE_LABEL = "kaizen";

/** Opens an issue labelled `kaizen` (plus any extra labels) and returns its number and page. */
export async function openIssue(
  octokit: GitHubClient,
  issue: { owner: string; repo: string; title: string; body: string; labels?: readonly string[] },
): Promise<{ number: number; url: string }> {
  const labels = [...new Set([KAIZEN_ISSUE_LABEL, ...(issue.labels ?? [])])];
  const { data } = await octokit.rest.issues.create({
    owner: issue.owner,
    repo: issue.repo,
    title: issue.title,
    body: issue.body,
    labels,
  });
  return { number: data.number, url: data.html_url };
}
