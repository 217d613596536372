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
  "pr-comment-deployment": EvaluationReport & { dashboard: PrCommentDashboard | null };
  "improvement-issue": ImprovementIssueContext;
  "issue-evidence": IssueEvidenceContext;
  "issue-recovered": IssueRecoveredContext;
}

/** The dashboard pages a deployment's PR comment section links: the repository overview and each metric's page. */
export interface PrCommentDashboard {
  overview: string;
  metrics: Array<{ name: string; url: string }>;
}

export const renderDeploymentTemplate = templateRenderer<DeploymentTemplates>("deployments");
