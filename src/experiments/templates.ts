import { templateRenderer } from "../markdown/render-template.js";
import type { ExperimentOutcomeRecord } from "./store/experiments.js";

/** A hypothesis Kaizen cannot check, explained on the issue with its fix. */
export interface ExperimentProblemContext {
  marker: string;
  problem: string;
  fix: string;
}

/** The outcome posted on the experiment issue. */
export interface ExperimentOutcomeContext {
  marker: string;
  outcome: "confirmed" | "refuted" | "inconclusive";
  metric: string;
  environment: string;
  expect: string;
  prNumber: number | null;
  record: ExperimentOutcomeRecord;
  /** The metric's page on Kaizen's dashboard; null without KAIZEN_PUBLIC_URL. */
  dashboard: string | null;
}

/** The `experiments` section of the pull request comment: the experiments this pull request tested. */
export interface ExperimentsSectionContext {
  /** `dashboard`: the metric's page on Kaizen's dashboard; null without KAIZEN_PUBLIC_URL. */
  experiments: Array<{ issueNumber: number; title: string; metric: string; environment: string; expect: string; state: string; dashboard: string | null }>;
}

/** templates/experiments/: each template's context type. */
export interface ExperimentTemplates {
  "experiment-problem": ExperimentProblemContext;
  "experiment-outcome": ExperimentOutcomeContext;
  "pr-section-experiments": ExperimentsSectionContext;
}

export const renderExperimentTemplate = templateRenderer<ExperimentTemplates>("experiments");
