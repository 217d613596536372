import { templateRenderer } from "../markdown/render-template.js";
import type { BenchmarkIssueContext, BenchmarkIssueUpdateContext, BenchmarkReport } from "./report-context.js";

/** templates/benchmarks/: each template's context type, keyed by its file name without `.md.hbs`. */
export interface BenchmarkTemplates {
  "benchmarks-check": BenchmarkReport;
  "pr-benchmarks-section": BenchmarkReport;
  "benchmarks-issue": BenchmarkIssueContext;
  "benchmarks-issue-evidence": BenchmarkIssueUpdateContext;
  "benchmarks-issue-recovered": BenchmarkIssueUpdateContext;
}

export const renderBenchmarkTemplate = templateRenderer<BenchmarkTemplates>("benchmarks");
