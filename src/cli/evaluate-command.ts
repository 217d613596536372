import { Command, InvalidArgumentError, Option } from "commander";
import { evaluationWindows } from "../analysis/evaluation-windows.js";
import { CONFIG_PATH } from "../config/load-repo-config.js";
import { loadConfigFile } from "../config/load-config-file.js";
import { loadSourcesFile } from "../config/load-sources-file.js";
import { readEnv } from "../config/read-env.js";
import { queryVariables, type QueryVars } from "../config/render-query.js";
import { buildEvaluationReport } from "../deployments/build-evaluation-report.js";
import { measureMetrics } from "../deployments/measure-metrics.js";
import { evaluationCheckOutput } from "../deployments/evaluation-check-output.js";
import { PERFORMANCE_CHECK_NAME } from "../deployments/publish-evaluation-check.js";
import { formatTime } from "../markdown/format.js";
import { createSourceRegistry } from "../deployments/sources/create-source-registry.js";
import { printConfigProblems } from "./print-config-problems.js";

interface EvaluateOptions {
  environment: string;
  at: Date;
  config: string;
  sources?: string;
  format: "markdown" | "json";
  sha?: string;
  ref?: string;
  repo?: string;
}

// With a zone, so the same command means the same instant on every machine.
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

function parseInstant(value: string): Date {
  const date = new Date(value);
  if (!ISO_INSTANT.test(value) || Number.isNaN(date.getTime())) {
    throw new InvalidArgumentError("expected an ISO 8601 time with a zone, like 2026-05-01T12:00:00Z.");
  }
  return date;
}

function parseRepo(value: string): string {
  if (!/^[^/\s]+\/[^/\s]+$/.test(value)) throw new InvalidArgumentError("expected owner/name.");
  return value;
}

/** Runs the evaluation and prints the check run's content; the exit code fails like the check run does. */
async function evaluate(options: EvaluateOptions, command: Command): Promise<number> {
  const env = readEnv();
  const sourcesPath = options.sources ?? env.sourcesPath;
  if (!sourcesPath) command.error("error: no sources file: pass --sources <file> or set KAIZEN_SOURCES", { exitCode: 2 });
  const sources = createSourceRegistry(loadSourcesFile(sourcesPath, env.variables));

  const loaded = loadConfigFile(options.config, sources.names());
  if (!loaded.ok) {
    printConfigProblems(options.config, loaded.problems);
    return 1;
  }
  const { config } = loaded;
  const { environment, at } = options;
  const configured = config.deployments.environments;
  if (!configured.includes(environment)) {
    throw new Error(`${environment} is not in deployments.environments (${configured.join(", ")}) of ${options.config}, so the app would not evaluate it.`);
  }
  const vars: QueryVars = { environment, sha: options.sha ?? "", ref: options.ref ?? "", repo: options.repo ?? "" };
  for (const metric of config.metrics) {
    const unset = queryVariables(metric.query).filter((name) => name !== "environment" && vars[name as keyof QueryVars] === "");
    if (unset.length > 0) command.error(`error: the query of "${metric.name}" uses {{${unset[0]}}}: pass --${unset[0]}`, { exitCode: 2 });
  }
  const windows = evaluationWindows(at, config.deployments);
  if (windows.candidate.end.getTime() > Date.now()) {
    throw new Error(`The candidate window ends at ${formatTime(windows.candidate.end)}, still to come: the app evaluates then. Pass an earlier --at.`);
  }

  const measured = await measureMetrics(config, sources, windows, vars, config.deployments.step / 1000);
  const [owner = "", repo = ""] = vars.repo.split("/");
  // No deployment and no pull requests: id 0 makes the summary say "Dry run" where it names the deployment.
  const deployment = { id: 0, url: null, createdAt: at };
  const facts = { repo: { owner, repo }, environment, sha: vars.sha, ref: vars.ref, deployment, windows, pulls: [] };
  const report = buildEvaluationReport(facts, config.gate.check, measured);
  const check = evaluationCheckOutput(report);

  if (options.format === "json") {
    console.log(JSON.stringify({ name: PERFORMANCE_CHECK_NAME, conclusion: check.conclusion, title: check.title, report }, null, 2));
  } else {
    console.log(`# ${PERFORMANCE_CHECK_NAME}: ${check.title}\n\nConclusion: ${check.conclusion}\n\n${check.summary}`);
  }
  return check.conclusion === "failure" ? 1 : 0;
}

/** `kaizen evaluate`: a dry run of one deployment's evaluation against the real sources, without GitHub. */
export function evaluateCommand(): Command {
  return new Command("evaluate")
    .description(
      "Evaluate a deployment at a given time against the operator's sources and print the check run it would get; nothing is written to GitHub or the database.",
    )
    .requiredOption("--environment <name>", "the deployment environment, one of deployments.environments")
    .requiredOption("--at <time>", "when the deployment happened, ISO 8601 with a zone (2026-05-01T12:00:00Z)", parseInstant)
    .option("--config <path>", "the kaizen.yml to use", CONFIG_PATH)
    .option("--sources <file>", "the operator's sources file (default: $KAIZEN_SOURCES)")
    .addOption(new Option("--format <format>", "output format").choices(["markdown", "json"]).default("markdown"))
    .option("--sha <sha>", "the deployed commit, for {{sha}} in queries and the summary")
    .option("--ref <ref>", "the deployed branch or tag, for {{ref}} in queries and the summary")
    .option("--repo <owner/name>", "the repository, for {{repo}} in queries", parseRepo)
    .action(async (options: EvaluateOptions, command: Command) => {
      process.exitCode = await evaluate(options, command);
    });
}
