import type { Probot } from "probot";
import type { RadarConfig } from "../config/schema/kaizen-config.js";
import { installationClient } from "../github/installation-client.js";
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

/**
 * The id of `owner/repo` as the app sees it now (through the installation on it), or null when the app is not
 * installed there or it does not exist. The operator's command names a repository; its stored data is keyed
 * by id, which a rename or transfer keeps and a new repository taking the old name does not get.
 */
export async function findInstalledRepoId(app: Probot, { owner, repo }: { owner: string; repo: string }): Promise<number | null> {
  const asApp = await app.auth();
  const installation = await unlessNotFound(asApp.rest.apps.getRepoInstallation({ owner, repo }));
  if (!installation) return null;
  const octokit = await installationClient(app, installation.data.id);
  const repository = await unlessNotFound(octokit.rest.repos.get({ owner, repo }));
  return repository?.data.id ?? null;
}
