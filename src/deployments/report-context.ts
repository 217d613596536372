import type { MetricVerdict, Threshold } from "../analysis/verdict.js";
import type { TimeWindow } from "../analysis/time-window.js";
import type { TuningSuggestion } from "../analysis/tune-from-feedback.js";
import type { ActiveMute } from "../db/verdict-feedback.js";

/** What people's feedback changes about one metric's verdict (docs/feedback.md); absent in dry runs. */
export interface MetricFeedback {
  /** A mute in force: the metric is measured, but its regression raises no alert. */
  mute: Pick<ActiveMute, "until" | "actor" | "reason"> | null;
  /** The auto-tuned adjustment this verdict was made with, like "noise floor raised after 3 false alarms, on …". */
  adjustment: string | null;
  /** On an alert of a metric with enough false alarms marked: the setting they point at. */
  suggestion: TuningSuggestion | null;
}

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
  feedback?: MetricFeedback | null;
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
  /** Every mute in force in the repository, listed in each report while it lasts; absent in dry runs. */
  mutes?: Array<Pick<ActiveMute, "subject" | "until" | "actor" | "reason">>;
  /** Metrics whose slow drift this deployment pushed beyond the threshold (a drift issue opens); absent: none. */
  drift?: DriftNote[];
}

/** A drift this deployment pushed over the line, as the PR comment says it. */
export interface DriftNote {
  name: string;
  unit: string;
  threshold: Threshold;
  levelBefore: number;
  levelNow: number;
  changePct: number | null;
  changeAbs: number;
  /** Deploys in the drift's span, this one included. */
  deploys: number;
  /** This deployment's own step, in the unit. */
  step: number;
  graphUrl: string | null;
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
  /** The metric's page on Kaizen's dashboard; null without KAIZEN_PUBLIC_URL. */
  dashboard: string | null;
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
