import { readFileSync } from "node:fs";
import { parseDocument } from "yaml";
import type { z } from "zod";
import { SourcesFile } from "./sources-file.js";

type Env = Record<string, string | undefined>;
type Path = readonly PropertyKey[];

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
  const document = parseDocument(text);
  if (document.errors.length > 0) {
    throw invalidFile(fileName, document.errors.map((error) => `YAML syntax: ${error.message.split("\n")[0]?.replace(/:$/, "")}`));
  }

  const problems: string[] = [];
  const expanded = expandEnv(document.toJS(), env, [], problems);
  const result = SourcesFile.safeParse(expanded);
  if (!result.success) problems.push(...result.error.issues.map(formatIssue));
  if (problems.length > 0 || !result.success) throw invalidFile(fileName, problems);
  return result.data;
}

function expandEnv(value: unknown, env: Env, path: Path, problems: string[]): unknown {
  if (typeof value === "string") return expandString(value, env, path, problems);
  if (Array.isArray(value)) return value.map((item, index) => expandEnv(item, env, [...path, index], problems));
  if (value !== null && typeof value === "object") {
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [key, expandEnv(item, env, [...path, key], problems)]),
    );
  }
  return value;
}

function expandString(value: string, env: Env, path: Path, problems: string[]): string {
  return value.replace(REFERENCE, (reference, name: string) => {
    if (!reference.endsWith("}") || !VARIABLE_NAME.test(name)) {
      problems.push(`${formatPath(path)}: ${JSON.stringify(reference)} is not a variable reference: write \${NAME}`);
      return reference;
    }
    const replacement = env[name];
    if (replacement === undefined) {
      problems.push(
        `${formatPath(path)}: environment variable ${name} is not set: set it in Kaizen's environment or remove \${${name}} from the file`,
      );
      return reference;
    }
    return replacement;
  });
}

function formatIssue(issue: z.core.$ZodIssue): string {
  const message = issue.code === "invalid_key" ? (issue.issues[0]?.message ?? issue.message) : issue.message;
  return `${formatPath(issue.path)}: ${message}`;
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
