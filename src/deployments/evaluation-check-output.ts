import { checkConclusion } from "../github/check-run.js";
import { checkTitle } from "../markdown/format.js";
import type { EvaluationReport } from "./report-context.js";
import { renderDeploymentTemplate } from "./templates.js";

/** What the "Kaizen performance" check run shows for a report; `kaizen evaluate` prints the same. */
export function evaluationCheckOutput(report: EvaluationReport): {
  conclusion: "success" | "failure" | "neutral";
  title: string;
  summary: string;
} {
  const verdicts = report.metrics.map((m) => m.result.verdict);
  // A muted metric is measured and shown, but its regression fails no gate.
  const alerting = report.metrics.filter((m) => !(m.feedback?.mute && m.result.verdict === "regression")).map((m) => m.result.verdict);
  return {
    conclusion: checkConclusion(alerting, report.gate),
    title: `${report.environment}: ${checkTitle(verdicts)}`,
    summary: renderDeploymentTemplate("check-run-summary", report),
  };
}
