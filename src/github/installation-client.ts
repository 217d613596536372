import type { Probot } from "probot";
import type { GitHubClient } from "./github-client.js";
import { noBlindRetry } from "./no-blind-retry.js";
import { cacheContents } from "./cached-contents.js";
import { honourRetryAfter } from "./honour-retry-after.js";

const clients = new WeakMap<Probot, Map<number, Promise<GitHubClient>>>();

/**
 * One authenticated client per installation for the life of the process, instead of a new Octokit (and its
 * plugins) per job: its auth hook renews the installation token by itself, and its write pacing carries over
 * between jobs of the same installation, as GitHub's secondary rate limits count them. POSTs are never retried
 * blindly (noBlindRetry), secondary rate limits are waited out as GitHub asks (honourRetryAfter), and in a job, default-branch files are read through the cache (cacheContents).
 */
export function installationClient(app: Probot, installationId: number): Promise<GitHubClient> {
  let byInstallation = clients.get(app);
  if (!byInstallation) clients.set(app, (byInstallation = new Map()));
  let client = byInstallation.get(installationId);
  if (!client) {
    client = app.auth(installationId).then(guardClient);
    // A failed authentication is not remembered: the retried job tries again.
    client.catch(() => byInstallation.delete(installationId));
    byInstallation.set(installationId, client);
  }
  return client;
}

/** The behaviour every installation client gets (see installationClient), on any authenticated Octokit. */
export function guardClient<T extends GitHubClient>(octokit: T): T {
  return cacheContents(honourRetryAfter(noBlindRetry(octokit)));
}
