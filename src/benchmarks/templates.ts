import { templateRenderer } from "../markdown/render-template.js";
import type { BenchmarkIssueContext, BenchmarkIssueUpdateContext, BenchmarkReport } from "./report-context.js";

/** The dashboard pages the PR section links: the repository overview and each benchmark's history. */
export interface PrSectionDashboard {
  overview: string;
  benchmarks: Array<{ name: string; url: string }>;
}

/** templates/benchmarks/: each template's context type, keyed by its file name without `.md.hbs`. */
export interface BenchmarkTemplates {
  "benchmarks-check": BenchmarkReport;
  "pr-benchmarks-section": BenchmarkReport & { dashboard: PrSectionDashboard | null };
  "benchmarks-issue": BenchmarkIssueContext;
  "benchmarks-issue-evidence": BenchmarkIssueUpdateContext;
  "benchmarks-issue-recovered": BenchmarkIssueUpdateContext;
}

export const renderBenchmarkTemplate = templateRenderer<BenchmarkTemplates>("benchmarks");
