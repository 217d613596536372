import { templateRenderer } from "../markdown/render-template.js";

/** One regressed metric, as the rejection names it. */
export interface GateRegressionContext {
  metricName: string;
  unit: string;
  baselineMedian: number | null;
  candidateMedian: number | null;
  changePct: number | null;
  graphUrl: string | null;
}

/** The comment sent with the gate's answer (templates/gate/gate-answer.md.hbs). */
export interface GateAnswerContext {
  approved: boolean;
  environment: string;
  after: string;
  sha: string;
  /** Why, in one sentence. */
  reason: string;
  regressions: GateRegressionContext[];
  /** The "Kaizen performance" check run of the evaluation that decided, when there is one. */
  evidenceUrl: string | null;
}

/** templates/gate/: each template's context type. */
export interface GateTemplates {
  "gate-answer": GateAnswerContext;
}

export const renderGateTemplate = templateRenderer<GateTemplates>("gate");
