import type pg from "pg";
import type { KaizenConfig } from "../config/kaizen-config.js";
import { findPrComment, savePrComment } from "../db/pr-comments.js";
import type { GitHubClient } from "./github-client.js";
import { kaizenMarker } from "./kaizen-marker.js";
import type { EvaluationReport } from "./report-context.js";
import { renderTemplate } from "./render-template.js";
import { upsertComment } from "./upsert-comment.js";

/**
 * The sticky per-environment comment on every pull request that shipped the deployed commit. `on-change` and
 * `on-regression` hold back a *first* comment when there is nothing to say, but an existing comment is always
 * updated, so it never shows stale verdicts.
 */
export async function commentOnPulls(
  octokit: GitHubClient,
  pool: pg.Pool,
  input: { report: EvaluationReport; repoId: number; policy: KaizenConfig["comment"] },
): Promise<void> {
  const { report, repoId, policy } = input;
  const marker = kaizenMarker("deployment", report.environment);
  const verdicts = report.metrics.map((m) => m.result.verdict);
  const worthSaying =
    policy === "always" ||
    verdicts.includes("regression") ||
    (policy === "on-change" && verdicts.includes("improvement"));
  const body = renderTemplate("pr-comment", { ...report, marker });

  for (const pull of report.pulls) {
    const known = await findPrComment(pool, repoId, pull.number, marker);
    if (!known && !worthSaying) continue;
    const { owner, repo } = report.repo;
    const { id } = await upsertComment(octokit, {
      owner,
      repo,
      issueNumber: pull.number,
      marker,
      body,
      knownCommentId: known?.commentId ?? null,
    });
    await savePrComment(pool, repoId, pull.number, marker, id);
  }
}
