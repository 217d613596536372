import { checkConfigSemantics } from "./check-config-semantics.js";
import { FILE_PATH, type ConfigProblem } from "./config-problem.js";
import { describeIssue } from "./describe-issue.js";
import { describeValue } from "./describe-value.js";
import { KaizenConfig } from "./schema/kaizen-config.js";

/** Either a usable configuration or every problem found in it. */
export type ValidationResult = { ok: true; config: KaizenConfig } | { ok: false; problems: ConfigProblem[] };

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

// `issues:` with nothing under it is YAML for null; owners mean "leave the defaults", so a key
// without a value counts as not written at all.
function dropNulls(value: unknown): unknown {
  if (Array.isArray(value)) return value.map((item) => (isRecord(item) ? dropNulls(item) : item));
  if (!isRecord(value)) return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([, item]) => item !== null)
      .map(([key, item]) => [key, dropNulls(item)]),
  );
}

// Whole-file problems first, then in path order (metrics[2] before metrics[10]).
const sortKey = (problem: ConfigProblem): string => (problem.path === FILE_PATH ? "" : problem.path);
const byPath = (a: ConfigProblem, b: ConfigProblem): number =>
  sortKey(a).localeCompare(sortKey(b), "en", { numeric: true });

/**
 * Validates a parsed kaizen.yml against the schema and against the operator's sources, reporting
 * every problem at once (sorted by path) so one push can fix them all. On success each metric's
 * `source` is filled in when the operator has exactly one source, so callers can look it up by name.
 */
export function validateConfig(raw: unknown, ctx: { sourceNames: string[] }): ValidationResult {
  const input = dropNulls(raw ?? {});
  if (!isRecord(input)) {
    const message = `The file must be a mapping of options (lines like \`gate: true\`), but it is ${describeValue(input)}.`;
    return { ok: false, problems: [{ path: FILE_PATH, message, fix: "Start from the example in the Kaizen README." }] };
  }
  const parsed = KaizenConfig.safeParse(input, { reportInput: true });
  const problems = [
    ...(parsed.success ? [] : parsed.error.issues.flatMap(describeIssue)),
    ...checkConfigSemantics(input, ctx.sourceNames),
  ];
  if (!parsed.success || problems.length > 0) return { ok: false, problems: problems.sort(byPath) };
  const [onlySource] = ctx.sourceNames.length === 1 ? ctx.sourceNames : [];
  const metrics = parsed.data.metrics.map((metric) => ({ ...metric, source: metric.source ?? onlySource }));
  return { ok: true, config: { ...parsed.data, metrics } };
}
