import type { MetricVerdict, Threshold } from "../analysis/verdict.js";
import type { ActiveMute } from "../db/verdict-feedback.js";

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
  /** A mute in force (`/kaizen mute`): compared and shown, but its regression alerts nobody. */
  feedback?: { mute: Pick<ActiveMute, "until" | "actor" | "reason"> | null } | null;
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
  /** Entries of readable files that gave no result or only part of one: skipped benchmarks, unusable samples. */
  notes: Array<{ file: string; line: number | null; reason: string }>;
  /** Every mute in force in the repository, listed in each report while it lasts. */
  mutes?: Array<Pick<ActiveMute, "subject" | "until" | "actor" | "reason">>;
}

/** A new improvement issue for a benchmark that regressed on the default branch. */
export interface BenchmarkIssueContext extends BenchmarkReport {
  /** Hidden HTML comment carrying the issue's fingerprint, for deduplication. */
  marker: string;
  benchmark: BenchmarkComparisonReport;
  /** The benchmark's value before the regression; recovery means getting back within the threshold of it. */
  level: number;
  /** The benchmark's page on Kaizen's dashboard; null without KAIZEN_PUBLIC_URL. */
  dashboard: string | null;
}

/** A comment on an open benchmark issue: another push still regressed, or back within the threshold (recovered). */
export interface BenchmarkIssueUpdateContext extends BenchmarkReport {
  benchmark: BenchmarkComparisonReport;
  /** The level recorded when the issue was opened. */
  level: number;
}
