import type { MetricVerdict, Threshold } from "../analysis/verdict.js";
import type { TimeWindow } from "./sources/metrics-source.js";

/** One evaluated metric as the reports show it: its definition plus the analysis result. */
export interface MetricReport {
  name: string;
  unit: string;
  /** Name of the metrics source the query ran against. */
  source: string;
  /** The query as sent, after variable substitution. */
  query: string;
  better: "lower" | "higher";
  threshold: Threshold;
  /** A link to the same query as a graph; null when the source has none. */
  graphUrl: string | null;
  result: MetricVerdict;
}

/** What was deployed where and when: shared by every report about one evaluation. */
export interface DeploymentFacts {
  repo: { owner: string; repo: string };
  environment: string;
  sha: string;
  ref: string;
  /** `url` is the deployment's html or log link, when GitHub gave one. */
  deployment: { id: number; url: string | null; createdAt: Date };
  windows: { baseline: TimeWindow; candidate: TimeWindow };
  /** Pull requests that contain the deployed commit. */
  pulls: Array<{ number: number; url: string }>;
}

/** Everything one deployment evaluation produced; the check-run summary renders exactly this. */
export interface EvaluationReport extends DeploymentFacts {
  /** When true, a regression fails the check run. */
  gate: boolean;
  metrics: MetricReport[];
}

/** A later window that showed a regression again, judged against the same baseline window (issues.confirm). */
export interface ConfirmationReport {
  window: TimeWindow;
  /** The confirmation window as the candidate: its median, change and p-value against the baseline. */
  result: MetricVerdict;
}

/** A new improvement issue for one regressed metric. */
export interface ImprovementIssueContext extends DeploymentFacts {
  /** Hidden HTML comment carrying the issue's fingerprint, for deduplication. */
  marker: string;
  metric: MetricReport;
  /** The metric's level before the regression; recovery means getting back within the threshold of it. */
  level: number;
  /** The later window that confirmed the regression; absent when the issue opened at once (`confirm: 0`). */
  confirmation?: ConfirmationReport;
}

/** A comment on an open improvement issue: another deployment shows the same regression. */
export interface IssueEvidenceContext extends DeploymentFacts {
  metric: MetricReport;
  /** The level recorded when the issue was opened. */
  level: number;
}

/** A comment on an improvement issue whose metric is back within the threshold of its old level. */
export interface IssueRecoveredContext extends DeploymentFacts {
  metric: MetricReport;
  /** The level recorded when the issue was opened. */
  level: number;
}

/** One thing wrong with a repository's config file, with what to do about it. */
export interface ConfigProblem {
  /** Dotted path into the file, e.g. `metrics[0].threshold`; empty for the whole file. */
  path: string;
  message: string;
  fix: string;
}

/** The "Kaizen config" check run: every problem found in one file (none means the file is valid). */
export interface ConfigProblemsContext {
  file: string;
  problems: ConfigProblem[];
}

/** One benchmark measure compared: the run's head against the baseline commit (issue 4). */
export interface BenchmarkComparisonReport {
  /** The benchmark and its measure as one name, like `BenchmarkParse-8 (ns/op)`. */
  name: string;
  benchmark: string;
  measure: string;
  unit: string;
  better: "lower" | "higher";
  /** Where the direction came from: an override, the result format, or the default (lower). */
  betterFrom: "config" | "format" | "default";
  threshold: Threshold;
  /** samples: the deployment detector on both runs' samples; history: single values against the branch's noise. */
  method: "samples" | "history";
  result: MetricVerdict;
  /** The numbers behind the verdict in one line, for the table's Evidence column. */
  evidence: string;
}

/** A benchmark measure present on one side only: listed, not judged. */
export interface BenchmarkOnlyReport {
  name: string;
  unit: string;
  value: number;
}

/** The commit a run was compared with. */
export interface BenchmarkBaselineReport {
  sha: string;
  /** Commits back from `from` (0: `from` itself). */
  distance: number;
  how: "merge-base" | "parent" | "ancestor";
  /** The merge-base of a pull request, or the head's parent for a push. */
  from: string;
}

/** One benchmark run compared for one pull request (or a push): the check run and the PR section render it. */
export interface BenchmarkReport {
  repo: { owner: string; repo: string };
  /** The run's head commit, where the check run goes. */
  sha: string;
  branch: string;
  workflowName: string;
  runUrl: string;
  /** The pull request compared for; null for a push. */
  pull: { number: number; url: string } | null;
  /** The branch the baseline and the noise history come from. */
  baseBranch: string;
  baseline: BenchmarkBaselineReport | null;
  /** Why there is no baseline, when there is none. */
  noBaseline: string | null;
  /** When true, a regression fails the check run. */
  gate: boolean;
  benchmarks: BenchmarkComparisonReport[];
  added: BenchmarkOnlyReport[];
  removed: BenchmarkOnlyReport[];
  /** What could not be read from the run's artifact, each with its fix. */
  problems: Array<{ file: string; line: number | null; reason: string; fix: string }>;
}

/** A new improvement issue for a benchmark that regressed on the default branch. */
export interface BenchmarkIssueContext extends BenchmarkReport {
  /** Hidden HTML comment carrying the issue's fingerprint, for deduplication. */
  marker: string;
  benchmark: BenchmarkComparisonReport;
  /** The benchmark's value before the regression; recovery means getting back within the threshold of it. */
  level: number;
}

/** A comment on an open benchmark issue: another push still regressed, or back within the threshold (recovered). */
export interface BenchmarkIssueUpdateContext extends BenchmarkReport {
  benchmark: BenchmarkComparisonReport;
  /** The level recorded when the issue was opened. */
  level: number;
}
