import { readFileSync } from "node:fs";
import { Command } from "commander";
import { CONFIG_PATH } from "../config/load-repo-config.js";
import { loadConfigFile } from "../config/load-config-file.js";
import { checkSourcesFile, describeSourcesFileProblem } from "../config/load-sources-file.js";
import { readEnv } from "../config/read-env.js";
import { byPosition, formatProblem, printConfigProblems } from "./print-config-problems.js";

/** The source names in the operator's file; null (after printing its problems) when it is unusable. */
function checkSources(path: string, env: Record<string, string | undefined>): string[] | null {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (error) {
    console.error(formatProblem(path, undefined, `Cannot read the sources file: ${(error as Error).message}.`));
    return null;
  }
  const checked = checkSourcesFile(text, env);
  if (!checked.ok) {
    for (const problem of checked.problems.sort(byPosition)) console.error(formatProblem(path, problem.position, describeSourcesFileProblem(problem)));
    return null;
  }
  const names = Object.keys(checked.file.sources);
  console.log(`ok  ${path}: ${names.length === 1 ? "1 source" : `${names.length} sources`} (${names.join(", ")})`);
  return names;
}

/** Exit code 0 when everything checked is valid, 1 when anything has a problem. */
function checkConfig(path: string, sourcesOption: string | undefined): number {
  const env = readEnv();
  const sourcesPath = sourcesOption ?? env.sourcesPath;
  const sourceNames = sourcesPath ? checkSources(sourcesPath, env.variables) : null;
  const sourcesOk = !sourcesPath || sourceNames !== null;

  const loaded = loadConfigFile(path, sourceNames);
  if (!loaded.ok) {
    printConfigProblems(path, loaded.problems);
    const count = loaded.problems.length;
    console.error(`${count === 1 ? "1 problem" : `${count} problems`} in ${path}`);
    return 1;
  }
  const { metrics, deployments } = loaded.config;
  const unchecked = sourceNames ? "" : "; source names not checked (pass --sources)";
  const count = metrics.length === 1 ? "1 metric" : `${metrics.length} metrics`;
  console.log(`ok  ${path}: ${count}, environments ${deployments.environments.join(", ")}${unchecked}`);
  if (loaded.extendsFrom !== undefined) {
    console.error(`note: ${path} extends ${loaded.extendsFrom}; the app merges that file in, this check reads only ${path}.`);
  }
  return sourcesOk ? 0 : 1;
}

/** `kaizen check-config [path] [--sources file]`. */
export function checkConfigCommand(): Command {
  return new Command("check-config")
    .description(
      "Validate a kaizen.yml, and the operator's sources file when given, printing every problem as file:line:col with its fix.",
    )
    .argument("[path]", "the kaizen.yml to check", CONFIG_PATH)
    .option(
      "--sources <file>",
      "the operator's sources file: checks it too, and the metrics' source names against it (default: $KAIZEN_SOURCES)",
    )
    .action((path: string, options: { sources?: string }) => {
      process.exitCode = checkConfig(path, options.sources);
    });
}
