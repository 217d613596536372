import { readFileSync, readdirSync } from "node:fs";
import Handlebars from "handlebars";
import type {
  BenchmarkIssueContext,
  BenchmarkIssueUpdateContext,
  BenchmarkReport,
  ConfigProblemsContext,
  EvaluationReport,
  ImprovementIssueContext,
  IssueEvidenceContext,
  IssueRecoveredContext,
} from "../deployments/report-context.js";
import type { PrCommentBodyContext } from "../github/publish-pr-section.js";
import type { RadarReviewContext } from "../radar/radar-review-context.js";
import type { RadarMovedContext, RadarProblemContext } from "../radar/templates.js";
import type { RadarCommandHelpContext, RadarCommandMovedContext, RadarCommandRefusedContext } from "../radar/radar-command-contexts.js";
import type { RadarTrendProblemContext } from "../radar/radar-trend-contexts.js";
import { registerTemplateHelpers } from "./template-helpers.js";
import { truncateBody } from "./truncate-body.js";

/** Each template's context type, keyed by its file name without `.md.hbs`. */
export interface TemplateContexts {
  "check-run-summary": EvaluationReport;
  "pr-comment": PrCommentBodyContext;
  "pr-comment-deployment": EvaluationReport;
  "improvement-issue": ImprovementIssueContext;
  "issue-evidence": IssueEvidenceContext;
  "issue-recovered": IssueRecoveredContext;
  "config-problems": ConfigProblemsContext;
  "benchmarks-check": BenchmarkReport;
  "pr-benchmarks-section": BenchmarkReport;
  "benchmarks-issue": BenchmarkIssueContext;
  "benchmarks-issue-evidence": BenchmarkIssueUpdateContext;
  "benchmarks-issue-recovered": BenchmarkIssueUpdateContext;
  "radar-review": RadarReviewContext;
  "radar-moved": RadarMovedContext;
  "radar-problem": RadarProblemContext;
  "radar-command-moved": RadarCommandMovedContext;
  "radar-command-refused": RadarCommandRefusedContext;
  "radar-command-help": RadarCommandHelpContext;
  "radar-trend-problem": RadarTrendProblemContext;
}

export type TemplateName = keyof TemplateContexts;

// The same relative path from src/report (tests, tsx) and lib/report (build): both sit two levels below the root.
const TEMPLATES_DIR = new URL("../../templates/", import.meta.url);

let compiled: Map<string, Handlebars.TemplateDelegate> | undefined;

/**
 * Renders `templates/<name>.md.hbs` with its typed context, cut to GitHub's body limit. Templates are compiled
 * once per process. HTML escaping is off (this is Markdown, and `&quot;` would show in code spans); templates
 * escape user text with the `text` and `code` helpers instead. Strict mode turns a misspelt field into an error.
 */
export function renderTemplate<N extends TemplateName>(name: N, context: TemplateContexts[N]): string {
  compiled ??= compileAll();
  const template = compiled.get(name);
  if (!template) throw new Error(`No template ${name}.md.hbs in ${TEMPLATES_DIR.pathname}`);
  return truncateBody(template(context));
}

/** Templates named `_<partial>.md.hbs` are partials (`{{> partial}}`); the others are renderable. */
function compileAll(): Map<string, Handlebars.TemplateDelegate> {
  const handlebars = Handlebars.create();
  registerTemplateHelpers(handlebars);
  const templates = new Map<string, Handlebars.TemplateDelegate>();
  for (const file of readdirSync(TEMPLATES_DIR).filter((f) => f.endsWith(".md.hbs"))) {
    const source = readFileSync(new URL(file, TEMPLATES_DIR), "utf8");
    const name = file.slice(0, -".md.hbs".length);
    if (name.startsWith("_")) handlebars.registerPartial(name.slice(1), source);
    else templates.set(name, handlebars.compile(source, { noEscape: true, strict: true }));
  }
  return templates;
}
