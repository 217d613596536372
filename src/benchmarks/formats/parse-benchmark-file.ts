import {
  BenchmarkParseError,
  RESULT_LIMITS,
  type BenchmarkFileNote,
  type BenchmarkFormat,
  type BenchmarkFormatSetting,
  type BenchmarkMeasurement,
  type ParsedBenchmarkFile,
} from "../benchmark-result.js";
import { looksLikeGo, parseGo } from "./go.js";
import { JSON_FORMATS, type JsonFormat } from "./json-formats.js";
import { JsonShapeError, type JsonNote } from "./json-shape.js";
import { positionOf, readJsonDocument } from "./read-json-document.js";

const JSON_NAMES = JSON_FORMATS.map((entry) => entry.format).join(", ");
const FIX =
  "set `benchmarks.format` in .github/kaizen.yml to the tool that wrote it, " +
  "or check that the artifact holds the tool's result file";
/** Control characters no text result file holds (tab, newlines, form feed and ESC of coloured logs aside). */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const BINARY = /[\u0000-\u0008\u000E-\u001A\u001C-\u001F]/;

/**
 * Reads one benchmark result file from a CI artifact, in the format `benchmarks.format` names or, with "auto",
 * the one its content shows: JSON by the shape of its keys (see formats/json-formats.ts), else `go test -bench`
 * text. Throws BenchmarkParseError, with the line to blame where there is one, for an empty or binary file,
 * invalid JSON, a file of no known format or not of the named one, a malformed entry, a file with no results.
 * `customBiggerIsBetter` / `customSmallerIsBetter` (github-action-benchmark's `tool:` names) read its custom JSON
 * and give every result that direction; `benchmarks.overrides` still win over it.
 */
export function parseBenchmarkFile(file: string, raw: string, setting: BenchmarkFormatSetting): ParsedBenchmarkFile {
  const better = TOOL_DIRECTION[setting];
  if (better === undefined) return readFile(file, raw, setting as BenchmarkFormat | "auto");
  const parsed = readFile(file, raw, "github-action-benchmark");
  return { ...parsed, measurements: parsed.measurements.map((m) => ({ ...m, better })) };
}

// The action keeps the direction in the workflow, not in the file: its tool name is the only place it is said.
const TOOL_DIRECTION: Partial<Record<BenchmarkFormatSetting, "higher" | "lower">> = {
  customBiggerIsBetter: "higher",
  customSmallerIsBetter: "lower",
};

function readFile(file: string, raw: string, format: BenchmarkFormat | "auto"): ParsedBenchmarkFile {
  // Windows tools (PowerShell's Out-File among them) start UTF-8 files with a byte-order mark JSON may not have.
  const text = raw.replace(/^\uFEFF/, "");
  const fail = (line: number | null, reason: string): never => {
    throw new BenchmarkParseError(file, line, reason);
  };
  if (text.trim() === "") fail(null, "the file is empty: the benchmark step wrote nothing to it");
  const binary = BINARY.exec(text);
  if (binary) {
    const reason = "the file is binary, not a benchmark result: check that the artifact holds the tool's result file";
    fail(positionOf(text, binary.index).line, reason);
  }

  if (!/^\s*[[{]/.test(text)) {
    if (format === "go" || (format === "auto" && looksLikeGo(text))) return finish(file, "go", parseGo(file, text));
    return fail(null, format === "auto" ? NOT_JSON_NOR_GO : `\`benchmarks.format\` is ${format}, ${NOT_JSON}`);
  }
  const document = readJsonDocument(file, text);
  const detected = JSON_FORMATS.find((entry) => entry.looksLike(document.value));
  if (format === "go") return fail(null, jsonNotGo(detected));
  const chosen = format === "auto" ? detected : JSON_FORMATS.find((entry) => entry.format === format);
  if (chosen === undefined) return fail(null, UNKNOWN_JSON);
  if (!chosen.looksLike(document.value)) return fail(null, mismatch(chosen, detected));
  const notes: JsonNote[] = [];
  try {
    const measurements = chosen.parse(document.value, file, notes);
    return finish(file, chosen.format, measurements, notes.map((note) => ({ line: document.lineOf(note.path), reason: note.reason })));
  } catch (error) {
    if (!(error instanceof JsonShapeError)) throw error;
    return fail(document.lineOf(error.path), `not valid ${chosen.format} output: ${error.reason}`);
  }
}

const NOT_JSON = `which writes JSON, but this file is not JSON; ${FIX}`;
const NOT_JSON_NOR_GO =
  `not a benchmark result Kaizen can read: it is not JSON (${JSON_NAMES}), nor \`go test -bench\` output; ${FIX}`;
const UNKNOWN_JSON = `not a benchmark result Kaizen can read: this JSON has the shape of none of ${JSON_NAMES}; ${FIX}`;

function jsonNotGo(detected: JsonFormat | undefined): string {
  const looks = detected ? ` (it looks like ${detected.format})` : "";
  return `\`benchmarks.format\` is go, which writes \`go test -bench\` text, but this file is JSON${looks}; ${FIX}`;
}

function mismatch(chosen: JsonFormat, detected: JsonFormat | undefined): string {
  const instead = detected ? `; it looks like ${detected.format} output instead` : "";
  const named = `\`benchmarks.format\` is ${chosen.format}, which writes ${chosen.shape}`;
  return `${named}, but this file is not that${instead}; ${FIX}`;
}

/** A file must give something to compare, and each (benchmark, measure) once: results are stored under it. */
function finish(
  file: string,
  format: BenchmarkFormat,
  measurements: BenchmarkMeasurement[],
  notes: BenchmarkFileNote[] = [],
): ParsedBenchmarkFile {
  if (measurements.length === 0) {
    const passed = notes.length > 0 ? `; ${notes.map((n) => n.reason).join("; ")}` : "";
    throw new BenchmarkParseError(file, null, `no benchmark results in this ${format} file: did the benchmarks run?${passed}`);
  }
  // The Go parser stops at these as it reads; JSON formats are held whole by then (the file's byte cap bounds
  // that), and are checked here before anything downstream stores or renders their names.
  if (measurements.length > RESULT_LIMITS.measurements) {
    const reason = `${measurements.length} results in one file, more than the ${RESULT_LIMITS.measurements} Kaizen reads`;
    throw new BenchmarkParseError(file, null, `${reason}: split the results into several files or run fewer benchmarks`);
  }
  const seen = new Set<string>();
  for (const measurement of measurements) {
    const { benchmark, measure } = measurement;
    const long = [benchmark, measure].find((name) => name.length > RESULT_LIMITS.nameChars);
    if (long !== undefined) {
      const reason = `a benchmark or measure name is ${long.length} characters long; Kaizen reads names of up to ${RESULT_LIMITS.nameChars}`;
      throw new BenchmarkParseError(file, null, `${reason}: shorten it`);
    }
    if (measurement.samples && measurement.samples.length > RESULT_LIMITS.samples) {
      measurement.samples = measurement.samples.slice(0, RESULT_LIMITS.samples);
    }
    const key = JSON.stringify([benchmark, measure]);
    if (seen.has(key)) {
      const reason = `"${benchmark}" (${measure}) appears twice: Kaizen cannot tell which result to compare`;
      throw new BenchmarkParseError(file, null, `${reason}; give each benchmark its own name`);
    }
    seen.add(key);
  }
  return { file, format, measurements, notes };
}
