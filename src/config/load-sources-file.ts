import { readFileSync } from "node:fs";
import { LineCounter, parseDocument } from "yaml";
import type { z } from "zod";
import { locateProblem, type FilePosition } from "./locate-problem.js";
import { SourcesFile } from "./sources-file.js";

type Env = Record<string, string | undefined>;
type Path = readonly PropertyKey[];
type PathProblem = { path: Path; message: string };

/** One thing wrong in a sources file: where (no path for a YAML syntax error), what to do, and its line and column. */
export interface SourcesFileProblem {
  path: Path | null;
  message: string;
  position?: FilePosition;
}

/** A usable sources file, or every problem found in it. */
export type SourcesFileCheck = { ok: true; file: SourcesFile } | { ok: false; problems: SourcesFileProblem[] };

const REFERENCE = /\$\{([^}]*)\}?/g;
const VARIABLE_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * Reads and validates the operator's sources file (the file `KAIZEN_SOURCES` points at).
 * Throws one Error listing every problem, each with its path in the file and what to do about it.
 */
export function loadSourcesFile(path: string, env: Env): SourcesFile {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (error) {
    // Duck-typed: the error may come from another realm (jest's vm), where instanceof Error fails.
    const reason = (error as { message?: string } | null)?.message ?? String(error);
    throw new Error(`Cannot read the sources file ${path}: ${reason}. Point KAIZEN_SOURCES at a readable YAML file.`);
  }
  return parseSourcesFile(text, env, path);
}

/**
 * Parses sources-file text: YAML first, then `${VAR}` references in string values expanded from `env`
 * (after parsing, so a secret full of YAML syntax cannot change the file's shape), then the schema.
 */
export function parseSourcesFile(text: string, env: Env, fileName: string): SourcesFile {
  const checked = checkSourcesFile(text, env);
  if (!checked.ok) throw invalidFile(fileName, checked.problems.map(describeSourcesFileProblem));
  return checked.file;
}

/** Like parseSourcesFile, but returns the problems, each with its position in the text, instead of throwing. */
export function checkSourcesFile(text: string, env: Env): SourcesFileCheck {
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { lineCounter });
  if (document.errors.length > 0) {
    const problems = document.errors.map((error) => ({
      path: null,
      message: `YAML syntax: ${error.message.split("\n")[0]?.replace(/:$/, "")}`,
      position: error.linePos?.[0],
    }));
    return { ok: false, problems };
  }

  const problems: PathProblem[] = [];
  const expanded = expandEnv(document.toJS(), env, [], problems);
  const result = SourcesFile.safeParse(expanded);
  if (!result.success) problems.push(...result.error.issues.map((issue) => ({ path: issue.path, message: issueMessage(issue) })));
  if (problems.length > 0 || !result.success) {
    const located = problems.map((problem) => ({ ...problem, position: locateProblem(document, lineCounter, problem.path) }));
    return { ok: false, problems: located };
  }
  return { ok: true, file: result.data };
}

/** `sources.prometheus.url: must be …`, as the startup error lists it. */
export function describeSourcesFileProblem(problem: SourcesFileProblem): string {
  return problem.path === null ? problem.message : `${formatPath(problem.path)}: ${problem.message}`;
}

function expandEnv(value: unknown, env: Env, path: Path, problems: PathProblem[]): unknown {
  if (typeof value === "string") return expandString(value, env, path, problems);
  if (Array.isArray(value)) return value.map((item, index) => expandEnv(item, env, [...path, index], problems));
  if (value !== null && typeof value === "object") {
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [key, expandEnv(item, env, [...path, key], problems)]),
    );
  }
  return value;
}

function expandString(value: string, env: Env, path: Path, problems: PathProblem[]): string {
  return value.replace(REFERENCE, (reference, name: string) => {
    if (!reference.endsWith("}") || !VARIABLE_NAME.test(name)) {
      problems.push({ path, message: `${JSON.stringify(reference)} is not a variable reference: write \${NAME}` });
      return reference;
    }
    const replacement = env[name];
    if (replacement === undefined) {
      const message = `environment variable ${name} is not set: set it in Kaizen's environment or remove \${${name}} from the file`;
      problems.push({ path, message });
      return reference;
    }
    return replacement;
  });
}

function issueMessage(issue: z.core.$ZodIssue): string {
  return issue.code === "invalid_key" ? (issue.issues[0]?.message ?? issue.message) : issue.message;
}

/** `sources.prometheus.headers.Authorization`; keys that are not plain words are quoted. */
function formatPath(path: Path): string {
  if (path.length === 0) return "(top level)";
  return path
    .map((key, index) => {
      if (typeof key === "number") return `[${key}]`;
      const name = String(key);
      if (/^[A-Za-z0-9_-]+$/.test(name)) return index === 0 ? name : `.${name}`;
      return `[${JSON.stringify(name)}]`;
    })
    .join("");
}

function invalidFile(fileName: string, problems: string[]): Error {
  const list = problems.map((problem) => `  - ${problem}`).join("\n");
  return new Error(`Invalid sources file ${fileName} (KAIZEN_SOURCES):\n${list}`);
}
