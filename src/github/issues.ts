import type { GitHubClient } from "./github-client.js";
import { inertTitle } from "../markdown/markdown.js";
import { findKaizenAuthored } from "./is-kaizen-authored.js";

/** Every issue Kaizen opens carries this label; findOpenIssueByMarker only looks at issues with it. */
export const KAIZEN_ISSUE_LABEL = "kaizen";

/**
 * Opens an issue labelled `kaizen` (plus any extra labels) and returns its number and page. The title carries
 * user text (benchmark, metric and branch names), so it is made inert: no mention, no issue reference.
 */
export async function openIssue(
  octokit: GitHubClient,
  issue: { owner: string; repo: string; title: string; body: string; labels?: readonly string[] },
): Promise<{ number: number; url: string }> {
  const labels = [...new Set([KAIZEN_ISSUE_LABEL, ...(issue.labels ?? [])])];
  const { data } = await octokit.rest.issues.create({
    owner: issue.owner,
    repo: issue.repo,
    title: inertTitle(issue.title),
    body: issue.body,
    labels,
  });
  return { number: data.number, url: data.html_url };
}

/** Closes an issue as completed (the metric recovered); closing an already closed issue is harmless. */
export async function closeIssue(
  octokit: GitHubClient,
  issue: { owner: string; repo: string; issueNumber: number },
): Promise<void> {
  await octokit.rest.issues.update({
    owner: issue.owner,
    repo: issue.repo,
    issue_number: issue.issueNumber,
    state: "closed",
    state_reason: "completed",
  });
}

/** Replaces an issue's body (a drift issue's latest evidence); writing the same body again is harmless. */
export async function updateIssueBody(
  octokit: GitHubClient,
  issue: { owner: string; repo: string; issueNumber: number; body: string },
): Promise<void> {
  await octokit.rest.issues.update({ owner: issue.owner, repo: issue.repo, issue_number: issue.issueNumber, body: issue.body });
}

/**
 * The open `kaizen`-labelled issue Kaizen opened whose body carries `marker`, or null. This is the fallback for
 * finding an issue the database does not know (lost row, issue opened by an earlier install), so duplicates are
 * not opened. Anyone can open an issue with the marker (and the label, where labels are free): only the app's own
 * issues count, so Kaizen never tracks, updates or closes a stranger's.
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
    const found = await findKaizenAuthored(octokit, data.filter((issue) => !issue.pull_request), marker);
    if (found) return { number: found.number, url: found.html_url };
  }
  return null;
}

/**
 * The open issue whose body carries `marker`, else a newly opened one. A retry that comes after GitHub created
 * the issue but before Kaizen recorded it adopts that issue instead of opening a duplicate.
 */
export async function findOrOpenIssue(
  octokit: GitHubClient,
  issue: { owner: string; repo: string; marker: string; title: string; body: string; labels: readonly string[] },
): Promise<{ number: number; url: string }> {
  const { owner, repo, marker } = issue;
  const existing = await findOpenIssueByMarker(octokit, { owner, repo, marker });
  return existing ?? openIssue(octokit, { owner, repo, title: issue.title, body: issue.body, labels: issue.labels });
}
