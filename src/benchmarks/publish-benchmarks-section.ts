import type pg from "pg";
import type { KaizenConfig } from "../config/kaizen-config.js";
import type { GitHubClient } from "../github/github-client.js";
import { isWorthCommenting } from "../github/is-worth-commenting.js";
import { publishPrSection } from "../github/publish-pr-section.js";
import type { BenchmarkReport } from "./report-context.js";
import { renderBenchmarkTemplate } from "./templates.js";

/**
 * The benchmarks section of Kaizen's comment on the report's pull request. As for deployments, `on-change`
 * and `on-regression` hold back a *first* comment when there is nothing to say, but an existing comment is
 * always updated, so it never shows stale verdicts.
 */
export async function publishBenchmarksSection(
  octokit: GitHubClient,
  pool: pg.Pool,
  input: { report: BenchmarkReport; repoId: number; policy: KaizenConfig["comment"] },
): Promise<void> {
  const { report, repoId, policy } = input;
  if (!report.pull) return;
  await publishPrSection(octokit, pool, {
    repoId,
    ...report.repo,
    pullNumber: report.pull.number,
    key: "benchmarks",
    body: renderBenchmarkTemplate("pr-benchmarks-section", report),
    createIfMissing: isWorthCommenting(report.benchmarks.map((b) => b.result.verdict), policy),
  });
}
