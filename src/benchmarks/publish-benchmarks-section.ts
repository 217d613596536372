import type pg from "pg";
import type { KaizenConfig } from "../config/schema/kaizen-config.js";
import type { GitHubClient } from "../github/github-client.js";
import { isWorthCommenting } from "../github/is-worth-commenting.js";
import { publishPrSection } from "../github/publish-pr-section.js";
import type { BenchmarkReport } from "./report-context.js";
import { renderBenchmarkTemplate, type PrSectionDashboard } from "./templates.js";
import { dashboardUrl } from "../markdown/dashboard-url.js";

/**
 * The benchmarks section of Kaizen's comment on the report's pull request. As for deployments, `on-change`
 * and `on-regression` hold back a *first* comment when there is nothing to say, but an existing comment is
 * always updated, so it never shows stale verdicts.
 */
export async function publishBenchmarksSection(
  octokit: GitHubClient,
  pool: pg.Pool,
  input: { report: BenchmarkReport; repoId: number; policy: KaizenConfig["comment"]; publicUrl?: string },
): Promise<void> {
  const { report, repoId, policy } = input;
  if (!report.pull) return;
  await publishPrSection(octokit, pool, {
    repoId,
    ...report.repo,
    pullNumber: report.pull.number,
    key: "benchmarks",
    body: renderBenchmarkTemplate("pr-benchmarks-section", { ...report, dashboard: dashboardLinks(report, input.publicUrl) }),
    createIfMissing: isWorthCommenting(report.benchmarks.map((b) => b.result.verdict), policy),
  });
}

/**
 * The overview and the page of each benchmark that moved (one per benchmark, whatever its measures) under
 * KAIZEN_PUBLIC_URL; a suite of hundreds would drown the comment in links, and the overview lists them all.
 */
function dashboardLinks(report: BenchmarkReport, publicUrl: string | undefined): PrSectionDashboard | null {
  const overview = dashboardUrl(publicUrl, report.repo);
  if (overview === null) return null;
  const moved = report.benchmarks.filter((b) => b.result.verdict === "regression" || b.result.verdict === "improvement");
  const names = [...new Set(moved.map((b) => b.benchmark))];
  return { overview, benchmarks: names.map((name) => ({ name, url: dashboardUrl(publicUrl, report.repo, "benchmarks", name)! })) };
}
