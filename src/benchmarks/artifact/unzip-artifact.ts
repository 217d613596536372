import { unzipSync, type UnzipFileInfo } from "fflate";
import type { BenchmarkProblem } from "../store/benchmark-runs.js";
import { ARTIFACT_LIMITS, formatBytes } from "./artifact-limits.js";

/** One file of the artifact, decompressed only when read, so one file at a time is in memory. */
export interface ArtifactFile {
  name: string;
  read(): { bytes: Uint8Array } | { problem: BenchmarkProblem };
}

/** What an artifact holds: the files to read, the entries passed over on purpose, and what is wrong with it. */
export interface ArtifactContents {
  files: ArtifactFile[];
  /** Directory entries and macOS metadata, with why, for the run's note. */
  ignored: string[];
  problems: BenchmarkProblem[];
}

type Limits = Record<"files" | "fileBytes" | "totalBytes", number>;

const STORED = 0;
const DEFLATE = 8;
const code = (text: string): string => `\`${text}\``;
const detail = (error: unknown): string => (error instanceof Error ? ` (${error.message})` : "");
const problem = (file: string, reason: string, fix: string): BenchmarkProblem => ({ file, line: null, reason, fix });

/** Entries that carry no results: folders (zips list them as names ending in `/`) and Finder's `__MACOSX/` copies. */
function ignoredReason(name: string): string | null {
  if (name.endsWith("/")) return "directory";
  if (name.startsWith("__MACOSX/")) return "macOS metadata";
  return null;
}

function entriesOf(zip: Uint8Array): UnzipFileInfo[] {
  const entries: UnzipFileInfo[] = [];
  // The filter sees every entry of the central directory; returning false decompresses nothing.
  unzipSync(zip, { filter: (entry) => (entries.push(entry), false) });
  return entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

function readEntry(zip: Uint8Array, name: string): ReturnType<ArtifactFile["read"]> {
  let bytes: Uint8Array | undefined;
  try {
    bytes = unzipSync(zip, { filter: (entry) => entry.name === name })[name];
  } catch (error) {
    const reason = `The file's compressed data is damaged${detail(error)}.`;
    return { problem: problem(name, reason, "Re-run the workflow to upload the artifact again.") };
  }
  if (!bytes) throw new Error(`${name} vanished from the zip between listing and reading`);
  return { bytes };
}

/** Why one entry cannot be read, before decompressing it. */
function entryProblem(entry: UnzipFileInfo, limits: Limits): BenchmarkProblem | null {
  if (entry.compression !== STORED && entry.compression !== DEFLATE) {
    const reason = `The file is compressed with method ${entry.compression}, which Kaizen cannot read.`;
    return problem(entry.name, reason, "Upload the file with `actions/upload-artifact`, which zips with deflate.");
  }
  if (entry.originalSize > limits.fileBytes) {
    const reason = `The file is ${formatBytes(entry.originalSize)}; Kaizen reads result files of up to ${formatBytes(limits.fileBytes)}.`;
    return problem(entry.name, reason, "Upload the tool's result export rather than raw logs, or split the results into several files.");
  }
  return null;
}

/**
 * Opens an artifact's zip within the limits (ARTIFACT_LIMITS unless a test passes smaller ones). A zip that
 * cannot be opened, an empty one, too many or too large files and unusual compression become problems.
 */
export function unzipArtifact(zip: Uint8Array, artifact: string, limits: Limits = ARTIFACT_LIMITS): ArtifactContents {
  let entries: UnzipFileInfo[];
  try {
    entries = entriesOf(zip);
  } catch (error) {
    const reason = `The artifact is not a readable zip archive${detail(error)}.`;
    const fix =
      "Re-run the workflow to upload the artifact again; if it happens again, check that the upload step uses " +
      "`actions/upload-artifact` and finishes.";
    return { files: [], ignored: [], problems: [problem(artifact, reason, fix)] };
  }

  const contents: ArtifactContents = { files: [], ignored: [], problems: [] };
  const leftOut: string[] = [];
  let total = 0;
  for (const entry of entries) {
    const ignored = ignoredReason(entry.name);
    const unreadable = ignored ? null : entryProblem(entry, limits);
    if (ignored) contents.ignored.push(`${code(entry.name)} (${ignored})`);
    else if (unreadable) contents.problems.push(unreadable);
    else if (contents.files.length >= limits.files || total + entry.originalSize > limits.totalBytes) leftOut.push(entry.name);
    else {
      total += entry.originalSize;
      contents.files.push({ name: entry.name, read: () => readEntry(zip, entry.name) });
    }
  }
  if (leftOut.length > 0) {
    const names = leftOut.slice(0, 5).map(code).join(", ") + (leftOut.length > 5 ? ` and ${leftOut.length - 5} more` : "");
    const reason = `Kaizen reads up to ${limits.files} files or ${formatBytes(limits.totalBytes)} per artifact and left out ${names}.`;
    contents.problems.push(problem(artifact, reason, "Upload only the benchmark result files in the artifact (not build outputs or logs)."));
  }
  if (entries.length === contents.ignored.length) {
    const fix = "Point `path:` of `actions/upload-artifact` at the files the benchmark step writes, and check that the step writes them.";
    contents.problems.push(problem(artifact, "The artifact holds no files.", fix));
  }
  return contents;
}
