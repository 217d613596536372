import type pg from "pg";
import { formatDuration } from "../config/parse-duration.js";
import { findMute, type ActiveMute } from "../db/verdict-feedback.js";
import type { GitHubClient } from "../github/github-client.js";
import { syncDriftIssue } from "../github/sync-drift-issue.js";
import type { MetricDrift } from "./assess-drift.js";

/** The dedup key of a drift issue: one open drift issue per (repository, environment, metric). */
export function driftFingerprint(repoId: number, environment: string, metricName: string): string {
  return `drift/${repoId}/${environment}/${metricName}`;
}

/** The metric's dashboard page under KAIZEN_PUBLIC_URL, or null when Kaizen has no public address. */
export function metricPageUrl(publicUrl: string | undefined, repo: { owner: string; repo: string }, environment: string, metric: string): string | null {
  if (!publicUrl) return null;
  const path = [repo.owner, repo.repo, "metrics", environment, metric].map(encodeURIComponent).join("/");
  return `${publicUrl}/${path}`;
}

/**
 * Opens, updates or closes each metric's drift issue from a drift check (syncDriftIssue). `checkedBy` is the
 * evaluation that ran the check, or for the daily check the newest evaluation of the environment. A muted metric's
 * drift opens no issue.
 */
export async function syncDriftIssues(
  octokit: GitHubClient,
  pool: pg.Pool,
  input: {
    repo: { owner: string; repo: string };
    repoId: number;
    environment: string;
    drifts: MetricDrift[];
    labels: readonly string[];
    window: number;
    publicUrl?: string;
    checkedBy: { evaluationId: number; statusAt: Date };
    mutes: readonly ActiveMute[];
  },
): Promise<void> {
  const { repo, repoId, environment } = input;
  for (const drift of input.drifts) {
    const { metric, result, steps } = drift;
    await syncDriftIssue(octokit, pool, {
      ...repo,
      repoId,
      environment,
      metricName: metric.name,
      fingerprint: driftFingerprint(repoId, environment, metric.name),
      labels: input.labels,
      better: metric.better,
      threshold: drift.threshold,
      result,
      latest: drift.latest,
      checkedBy: input.checkedBy,
      muted: findMute(input.mutes, metric.name) !== undefined,
      context: {
        subject: metric.name,
        where: environment,
        stepNoun: "deploy",
        stepsNoun: "deploys",
        unit: metric.unit,
        better: metric.better,
        threshold: drift.threshold,
        lookback: formatDuration(input.window),
        result,
        steps,
        graphUrl: metricPageUrl(input.publicUrl, repo, environment, metric.name),
        excluded: drift.excluded,
      },
    });
  }
}
