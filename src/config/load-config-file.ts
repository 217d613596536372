import { readFileSync } from "node:fs";
import { LineCounter, parseDocument } from "yaml";
import { FILE_PATH, type ConfigProblem } from "./config-problem.js";
import { fieldInfo } from "./field-info.js";
import type { KaizenConfig } from "./schema/kaizen-config.js";
import { locateProblem, parseProblemPath, type FilePosition } from "./locate-problem.js";
import { validateConfig } from "./validate-config.js";
import { yamlSyntaxProblem } from "./yaml-syntax-problem.js";

// Any name stands in for the operator's one source when no metric names one.
const UNNAMED_SOURCE = "default";

/** The distinct `source:` names the metrics use. */
function namedSources(raw: unknown): string[] {
  const metrics = (raw as { metrics?: unknown } | null)?.metrics;
  const names = Array.isArray(metrics) ? metrics.map((metric) => (metric as { source?: unknown } | null)?.source) : [];
  const named = [...new Set(names.filter((name): name is string => typeof name === "string"))];
  return named.length > 0 ? named : [UNNAMED_SOURCE];
}

/** A problem with where it lies in the file; no position when the file could not be read at all. */
export type LocatedProblem = ConfigProblem & { position?: FilePosition };

/** Problems in the file, or the usable configuration and the `_extends` it names (which a local file cannot follow). */
export type ConfigFileResult =
  | { ok: false; problems: LocatedProblem[] }
  | { ok: true; config: KaizenConfig; extendsFrom: string | undefined };

/**
 * Loads and validates a kaizen.yml from the local disk (the command line's counterpart of loadRepoConfig),
 * pinning each problem to its line and column: a bad value at the value, an unknown option at its key, a
 * missing field at the mapping that lacks it. `sourceNames` null means the operator's sources are not known
 * here (a repository's CI): the names the file uses are taken as given.
 */
export function loadConfigFile(path: string, sourceNames: string[] | null): ConfigFileResult {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === "ENOENT" ? "there is no such file" : String(error);
    const fix = "Pass the path of your kaizen.yml, or run from the repository root where `.github/kaizen.yml` lives.";
    return { ok: false, problems: [{ path: FILE_PATH, message: `Cannot read \`${path}\`: ${reason}.`, fix }] };
  }

  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter });
  if (doc.errors.length > 0) {
    const problems = doc.errors.map((error) => ({ ...yamlSyntaxProblem(`\`${path}\``, error), position: error.linePos?.[0] }));
    return { ok: false, problems };
  }
  const raw: unknown = doc.toJS();
  const result = validateConfig(raw, { sourceNames: sourceNames ?? namedSources(raw) });
  if (!result.ok) {
    const problems = result.problems.map((problem) => {
      const segments = parseProblemPath(problem.path);
      return { ...problem, position: locateProblem(doc, lineCounter, segments, fieldInfo(segments) ? "value" : "key") };
    });
    return { ok: false, problems };
  }
  return { ok: true, config: result.config, extendsFrom: result.config._extends };
}
