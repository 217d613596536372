import type { BenchmarkProblem } from "../store/benchmark-runs.js";
import type { BenchmarkResultInput } from "../store/benchmark-results.js";
import { BenchmarkParseError, RESULT_LIMITS, type BenchmarkFormatSetting } from "../benchmark-result.js";
import { parseBenchmarkFile } from "../formats/parse-benchmark-file.js";
import type { ArtifactFile } from "./unzip-artifact.js";

/** Every measurement read from an artifact's files, and every file (or line) that could not be read. */
export interface ReadResults {
  results: BenchmarkResultInput[];
  problems: BenchmarkProblem[];
  /** Files that gave measurements. */
  filesRead: number;
}

const code = (text: string): string => `\`${text}\``;

function parseFix(error: BenchmarkParseError, format: BenchmarkFormatSetting): string {
  const upload =
    format === "auto"
      ? "Keep only benchmark result files in the artifact, each as the tool wrote it."
      : `Upload the file as ${format} wrote it, or set \`benchmarks.format: auto\` when the artifact holds other formats too.`;
  return error.line === null ? upload : `${upload} Reading stopped at line ${error.line}: keep log lines and other output out of the file.`;
}

function decode(bytes: Uint8Array): string | null {
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return null;
  }
}

/** One problem per file for the measures an earlier file (in name order) already reported. */
function duplicateProblem(file: string, duplicates: Array<{ what: string; first: string }>): BenchmarkProblem {
  const listed = duplicates.slice(0, 5).map((d) => `${d.what} from ${code(d.first)}`).join(", ");
  const more = duplicates.length > 5 ? ` and ${duplicates.length - 5} more` : "";
  return {
    file,
    line: null,
    reason: `${duplicates.length} result(s) are also in an earlier file, which Kaizen kept: ${listed}${more}.`,
    fix: "Give each benchmark one result per run: rename the benchmarks, or upload one of the files only.",
  };
}

const NOTE_FIX = "Nothing to do if this was intended; the other results of the file were compared.";

/**
 * Parses each file in turn (so one decoded file is in memory at a time). A file that is not UTF-8 text or
 * that parseBenchmarkFile cannot read becomes a problem naming the file, the line when one is to blame, and
 * the fix; entries a readable file passed over become notes. Anything thrown other than a BenchmarkParseError is a defect in Kaizen and fails the job.
 */
export function readResultFiles(files: ArtifactFile[], format: BenchmarkFormatSetting): ReadResults {
  const read: ReadResults = { results: [], problems: [], filesRead: 0 };
  const firstFile = new Map<string, string>();
  for (const [index, file] of files.entries()) {
    // Each file is capped, but a hundred capped files are still a hundred times the rows to store and compare.
    if (read.results.length >= RESULT_LIMITS.measurements) {
      const left = files.slice(index).map((f) => code(f.name));
      const names = left.slice(0, 5).join(", ") + (left.length > 5 ? ` and ${left.length - 5} more` : "");
      const reason = `Kaizen keeps up to ${RESULT_LIMITS.measurements} results per artifact and left out ${names}.`;
      read.problems.push({ file: file.name, line: null, reason, fix: "Upload fewer result files, or run fewer benchmarks per workflow." });
      break;
    }
    const opened = file.read();
    if ("problem" in opened) {
      read.problems.push(opened.problem);
      continue;
    }
    const text = decode(opened.bytes);
    if (text === null) {
      const fix = "Upload the benchmark tool's text or JSON result file; binary files cannot be read.";
      read.problems.push({ file: file.name, line: null, reason: "The file is not UTF-8 text.", fix });
      continue;
    }
    let parsed;
    try {
      parsed = parseBenchmarkFile(file.name, text, format);
    } catch (error) {
      if (!(error instanceof BenchmarkParseError)) throw error;
      read.problems.push({ file: file.name, line: error.line, reason: error.reason, fix: parseFix(error, format) });
      continue;
    }
    read.filesRead++;
    for (const note of parsed.notes) {
      read.problems.push({ file: file.name, line: note.line, reason: note.reason, fix: NOTE_FIX, kind: "note" });
    }
    const duplicates: Array<{ what: string; first: string }> = [];
    for (const measurement of parsed.measurements) {
      const key = JSON.stringify([measurement.benchmark, measurement.measure]);
      const first = firstFile.get(key);
      if (first === undefined) {
        firstFile.set(key, file.name);
        read.results.push({ ...measurement, file: file.name, format: parsed.format });
      } else duplicates.push({ what: `${code(measurement.benchmark)} (${measurement.measure})`, first });
    }
    if (duplicates.length > 0) read.problems.push(duplicateProblem(file.name, duplicates));
  }
  return read;
}
