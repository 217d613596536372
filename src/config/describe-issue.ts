import type { z } from "zod";
import { closestName } from "./closest-name.js";
import { formatPath, type ConfigProblem } from "./config-problem.js";
import { describeValue } from "./describe-value.js";
import { fieldInfo } from "./field-info.js";

type Issue = z.core.$ZodIssue;
type Path = ReadonlyArray<PropertyKey>;

const NOUNS: Record<string, string> = {
  string: "text",
  number: "a number",
  int: "a whole number",
  boolean: "`true` or `false`",
  array: "a list",
  object: "a mapping (indented `key: value` lines)",
};

const noun = (expected: string): string => NOUNS[expected] ?? expected;
const code = (text: string): string => `\`${text}\``;

function yamlValue(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(yamlValue).join(", ")}]`;
  if (value === "") return '""';
  return typeof value === "object" && value !== null ? "{}" : String(value);
}

/** The fix for a bad value, from what the schema knows about the field at `path`. */
function fixFor(path: Path): string {
  const last = path[path.length - 1];
  if (typeof last === "number") {
    const parent = path.slice(0, -1);
    const example = fieldInfo(parent)?.defaultValue;
    return Array.isArray(example) && example.length > 0
      ? `Write each entry like the default: ${code(`${String(parent[parent.length - 1])}: ${yamlValue(example)}`)}.`
      : `Fix or remove this entry of ${code(formatPath(parent))}.`;
  }
  const info = fieldInfo(path);
  if (info?.fix) return info.fix;
  if (info?.values) return `Use one of: ${info.values.map(code).join(", ")}.`;
  if (info?.hasDefault) return `Write it like the default: ${code(`${String(last)}: ${yamlValue(info.defaultValue)}`)}.`;
  return info?.description ?? "See the options table in the Kaizen README.";
}

function unknownKeys(path: Path, keys: string[]): ConfigProblem[] {
  const known = fieldInfo(path)?.knownKeys ?? [];
  const where = path.length > 0 ? ` under ${code(formatPath(path))}` : "";
  return keys.map((key) => {
    const guess = closestName(key, known);
    return {
      path: formatPath([...path, key]),
      message: `${code(key)} is not a Kaizen option${where}.`,
      fix: `${guess ? `Did you mean ${code(guess)}? ` : ""}The options here are: ${known.map(code).join(", ")}.`,
    };
  });
}

function bound(issue: Extract<Issue, { code: "too_small" | "too_big" }>): string {
  const small = issue.code === "too_small";
  const limit = String(small ? issue.minimum : issue.maximum);
  if (issue.origin === "string") return small ? "Must not be empty." : `Must be at most ${limit} characters long.`;
  if (issue.origin === "array") return `Needs ${small ? "at least" : "at most"} ${limit} ${limit === "1" ? "entry" : "entries"}.`;
  const relation = small ? (issue.inclusive ? "at least" : "greater than") : issue.inclusive ? "at most" : "less than";
  return `Must be ${relation} ${limit}, but it is ${String(issue.input)}.`;
}

function expectedTypes(issue: Extract<Issue, { code: "invalid_union" }>): string {
  const expected = issue.errors.flat().flatMap((branch) => (branch.code === "invalid_type" ? [noun(branch.expected)] : []));
  return [...new Set(expected)].join(" or ");
}

/** Turns one zod issue into the problems a repository owner reads: what is wrong where, and the fix. */
export function describeIssue(issue: Issue): ConfigProblem[] {
  const { path } = issue;
  const at = formatPath(path);
  const name = String(path[path.length - 1] ?? "");
  switch (issue.code) {
    case "unrecognized_keys":
      return unknownKeys(path, issue.keys);
    case "invalid_type":
      if (issue.input === undefined) {
        const info = fieldInfo(path);
        const fix = `Add ${code(`${name}:`)}. ${info?.fix ?? info?.description ?? ""}`.trim();
        return [{ path: at, message: `${code(name)} is required.`, fix }];
      }
      return [{ path: at, message: `Expected ${noun(issue.expected)}, got ${describeValue(issue.input)}.`, fix: fixFor(path) }];
    case "invalid_union": {
      // A value of the right type that one branch rejected on content ("soon" for a duration) is best
      // explained by that branch's own message.
      const specific = issue.errors.flat().find((branch) => branch.code === "invalid_format" || branch.code === "custom");
      const message = specific?.message ?? `Expected ${expectedTypes(issue)}, got ${describeValue(issue.input)}.`;
      return [{ path: at, message, fix: fixFor(path) }];
    }
    case "invalid_value":
      return [
        {
          path: at,
          message: `${describeValue(issue.input)} is not an allowed value.`.replace(/^./, (c) => c.toUpperCase()),
          fix: `Use one of: ${issue.values.map((value) => code(String(value))).join(", ")}.`,
        },
      ];
    case "too_small":
    case "too_big":
      return [{ path: at, message: bound(issue), fix: fixFor(path) }];
    case "custom": {
      const fix: unknown = issue.params?.fix;
      return [{ path: at, message: issue.message, fix: typeof fix === "string" ? fix : fixFor(path) }];
    }
    default:
      // invalid_format carries the schema's own message ("`10 minutes` is not a duration.").
      return [{ path: at, message: issue.message, fix: fixFor(path) }];
  }
}
