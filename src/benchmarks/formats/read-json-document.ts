import { findNodeAtLocation, parse, parseTree, printParseErrorCode, type ParseError } from "jsonc-parser";
import { BenchmarkParseError } from "../benchmark-result.js";

/** A parsed JSON result file that can say on which line a value lies, for problems found after parsing. */
export interface JsonDocument {
  value: unknown;
  /** 1-based line of the value at `path` (or of its nearest enclosing value), null when it cannot be found. */
  lineOf(path: ReadonlyArray<string | number>): number | null;
}

/** Strict JSON: result files are written by tools, so comments and trailing commas are errors here too. */
const STRICT = { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false };

/**
 * Parses a JSON result file. The native parser reads the file (fast, and the files can hold thousands of
 * samples); only when it fails, or when a caller asks where a value is, does jsonc-parser go over the text again,
 * because V8's messages do not always give a position and JSON.parse keeps none.
 */
export function readJsonDocument(file: string, text: string): JsonDocument {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw syntaxError(file, text, error as SyntaxError);
  }
  return { value, lineOf: (path) => locate(text, path) };
}

function syntaxError(file: string, text: string, nativeError: SyntaxError): BenchmarkParseError {
  const errors: ParseError[] = [];
  parse(text, errors, STRICT);
  const first = errors[0];
  if (!first) return new BenchmarkParseError(file, null, `invalid JSON: ${nativeError.message}`);
  const { line, column } = positionOf(text, first.offset);
  const what =
    first.offset >= text.trimEnd().length
      ? "the file ends before the JSON does (was it cut short?)"
      : printParseErrorCode(first.error).replace(/([a-z])([A-Z])/g, "$1 $2").toLowerCase();
  return new BenchmarkParseError(file, line, `invalid JSON at line ${line}, column ${column}: ${what}`);
}

function locate(text: string, path: ReadonlyArray<string | number>): number | null {
  const root = parseTree(text, [], STRICT);
  if (!root) return null;
  for (let depth = path.length; depth >= 0; depth--) {
    const node = findNodeAtLocation(root, path.slice(0, depth) as Array<string | number>);
    if (node) return positionOf(text, node.offset).line;
  }
  return null;
}

/** 1-based line and column of a character offset. */
export function positionOf(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let index = text.indexOf("\n"); index !== -1 && index < offset; index = text.indexOf("\n", index + 1)) {
    line++;
    lineStart = index + 1;
  }
  return { line, column: offset - lineStart + 1 };
}
