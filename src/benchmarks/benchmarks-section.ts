import type { VerdictsSection } from "../github/publish-verdicts-section.js";
import type { BenchmarkReport } from "./report-context.js";
import { renderBenchmarkTemplate, type PrSectionDashboard } from "./templates.js";
import { dashboardUrl } from "../markdown/dashboard-url.js";

/** The benchmarks section of Kaizen's comment on the report's pull request (none for a push), for publishVerdictsSection. */
export function benchmarksSection(report: BenchmarkReport, publicUrl: string | undefined): VerdictsSection {
  return {
    key: "benchmarks",
    pullNumbers: report.pull ? [report.pull.number] : [],
    verdicts: report.benchmarks.map((b) => b.result.verdict),
    body: renderBenchmarkTemplate("pr-benchmarks-section", { ...report, dashboard: dashboardLinks(report, publicUrl) }),
  };
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
