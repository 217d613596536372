import { templateRenderer } from "../markdown/render-template.js";
import type {
  EvaluationReport,
  ImprovementIssueContext,
  IssueEvidenceContext,
  IssueRecoveredContext,
} from "./report-context.js";

/** templates/deployments/: each template's context type, keyed by its file name without `.md.hbs`. */
export interface DeploymentTemplates {
  "check-run-summary": EvaluationReport;
  "pr-comment-deployment": EvaluationReport;
  "improvement-issue": ImprovementIssueContext;
  "issue-evidence": IssueEvidenceContext;
  "issue-recovered": IssueRecoveredContext;
}

export const renderDeploymentTemplate = templateRenderer<DeploymentTemplates>("deployments");
