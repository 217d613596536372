import { closestName } from "./closest-name.js";
import { formatPath, type ConfigProblem } from "./config-problem.js";
import { DeploymentsConfig } from "./schema/deployments-config.js";
import { MetricConfig } from "./schema/metric-config.js";
import { formatDuration } from "./parse-duration.js";
import { QUERY_VARIABLES, placeholderProblem, queryPlaceholders, queryVariables } from "./render-query.js";

type Raw = Record<string, unknown>;

const code = (text: string): string => `\`${text}\``;
const isRecord = (value: unknown): value is Raw => typeof value === "object" && value !== null && !Array.isArray(value);

function sourceProblems(metric: Raw, at: string, sourceNames: string[]): ConfigProblem[] {
  const known = sourceNames.map(code).join(", ");
  if (typeof metric.source === "string" && sourceNames.length > 0 && !sourceNames.includes(metric.source)) {
    const guess = closestName(metric.source, sourceNames);
    return [
      {
        path: `${at}.source`,
        message: `There is no metrics source called ${code(metric.source)} on this Kaizen installation.`,
        fix: `${guess ? `Did you mean ${code(guess)}? ` : ""}Known sources: ${known}. If you need another one, ask the Kaizen operator to add ${code(metric.source)} to their sources file.`,
      },
    ];
  }
  if (metric.source === undefined && sourceNames.length > 1) {
    return [
      {
        path: `${at}.source`,
        message: "This Kaizen installation has several metrics sources, so each metric must name the one it queries.",
        fix: `Add ${code("source:")} with one of: ${known}.`,
      },
    ];
  }
  return [];
}

function queryProblems(metric: Raw, at: string): ConfigProblem[] {
  if (typeof metric.query !== "string") return [];
  const unknown = new Set(queryVariables(metric.query).filter((name) => !(QUERY_VARIABLES as readonly string[]).includes(name)));
  const available = QUERY_VARIABLES.map((name) => code(`{{${name}}}`)).join(", ");
  const unknownProblems = [...unknown].map((name) => {
    const guess = closestName(name, QUERY_VARIABLES);
    return {
      path: `${at}.query`,
      message: `The query uses ${code(`{{${name}}}`)}, which Kaizen does not know.`,
      fix: `${guess ? `Did you mean ${code(`{{${guess}}}`)}? ` : ""}Kaizen fills in ${available}.`,
    };
  });
  // A value Kaizen cannot escape where it lands could rewrite the query (a branch named `x'})or(vector(1))…`).
  const placementProblems = queryPlaceholders(metric.query).flatMap((placeholder) => {
    const problem = placeholderProblem(placeholder);
    return problem ? [{ path: `${at}.query`, ...problem }] : [];
  });
  return [...unknownProblems, ...placementProblems];
}

/** How many samples each window holds, when the deployments section is itself valid. */
function windowSamples(deployments: unknown): { count: number; window: string; step: string } | undefined {
  const parsed = DeploymentsConfig.safeParse(deployments ?? {});
  if (!parsed.success) return undefined;
  const { window, step } = parsed.data;
  return { count: Math.floor(window / step), window: formatDuration(window), step: formatDuration(step) };
}

function sampleProblems(metrics: unknown[], deployments: unknown): ConfigProblem[] {
  const samples = windowSamples(deployments);
  if (!samples) return [];
  const holds = `a ${samples.window} window sampled every ${samples.step} holds only ${samples.count}`;
  const fix = `Lower ${code("min_samples")}, lengthen ${code("deployments.window")} or shorten ${code("deployments.step")}.`;
  const problems: ConfigProblem[] = [];
  let defaultTooHigh: number | undefined;
  metrics.forEach((metric, index) => {
    if (!isRecord(metric)) return;
    const minSamples = MetricConfig.in.shape.min_samples.safeParse(metric.min_samples);
    if (!minSamples.success || minSamples.data <= samples.count) return;
    if (metric.min_samples === undefined) {
      defaultTooHigh = minSamples.data;
      return;
    }
    const message = `This metric needs ${minSamples.data} samples per window, but ${holds}, so it would always be Inconclusive.`;
    problems.push({ path: formatPath(["metrics", index, "min_samples"]), message, fix });
  });
  if (defaultTooHigh !== undefined) {
    const message = `Metrics need ${defaultTooHigh} samples per window by default, but ${holds}, so they would always be Inconclusive.`;
    problems.push({ path: "deployments.window", message, fix });
  }
  return problems;
}

/**
 * The problems a schema cannot see: sources the operator does not have, duplicate metric names,
 * unknown query variables, windows too short for the samples asked for. Works on the raw input so
 * they are reported together with the schema's problems.
 */
export function checkConfigSemantics(input: Raw, sourceNames: string[]): ConfigProblem[] {
  const metrics: unknown[] = Array.isArray(input.metrics) ? input.metrics : [];
  const problems: ConfigProblem[] = [];
  if (metrics.length > 0 && sourceNames.length === 0) {
    problems.push({
      path: "metrics",
      message: "This Kaizen installation has no metrics sources yet, so no metric can be queried.",
      fix: "Ask the Kaizen operator to add a metrics source (such as your Prometheus) to their sources file.",
    });
  }
  const seen = new Map<string, string>();
  metrics.forEach((metric, index) => {
    if (!isRecord(metric)) return;
    const at = formatPath(["metrics", index]);
    if (typeof metric.name === "string") {
      const key = metric.name.trim().toLowerCase();
      const first = seen.get(key);
      if (first) {
        problems.push({
          path: `${at}.name`,
          message: `${code(metric.name.trim())} is already the name of ${first} (names are compared ignoring case).`,
          fix: "Give each metric its own name: the name identifies the metric's issues and history.",
        });
      } else seen.set(key, code(at));
    }
    problems.push(...sourceProblems(metric, at, sourceNames), ...queryProblems(metric, at));
  });
  return [...problems, ...sampleProblems(metrics, input.deployments), ...gateProblems(input)];
}

/**
 * A gated environment waits for the evaluation of the same commit in `after`: Kaizen must evaluate `after`
 * (`deployments.environments`), and it cannot be the gated environment itself, or the gate could never open.
 */
export function gateProblems(input: Raw): ConfigProblem[] {
  const gate = input.gate;
  if (!isRecord(gate) || !isRecord(gate.environments)) return [];
  const deployments = DeploymentsConfig.safeParse(input.deployments ?? {});
  if (!deployments.success) return [];
  const evaluated = deployments.data.environments;
  const known = evaluated.map(code).join(", ");
  return Object.entries(gate.environments).flatMap(([name, entry]): ConfigProblem[] => {
    if (!isRecord(entry) || typeof entry.after !== "string") return [];
    const path = `gate.environments.${name}.after`;
    if (entry.after === name) {
      return [{ path, message: `${code(name)} is gated on its own evaluation, which only happens after it is deployed.`, fix: `Name the environment deployed before ${code(name)}, like ${code("staging")}.` }];
    }
    if (evaluated.includes(entry.after)) return [];
    const guess = closestName(entry.after, evaluated);
    return [
      {
        path,
        message: `${code(entry.after)} is not an environment Kaizen evaluates, so deployments to ${code(name)} would never be approved.`,
        fix: `${guess ? `Did you mean ${code(guess)}? ` : ""}Use one of ${code("deployments.environments")} (${known}), or add ${code(entry.after)} to it.`,
      },
    ];
  });
}
