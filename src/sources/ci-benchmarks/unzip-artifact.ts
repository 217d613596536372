import { unzipSync, type UnzipFileInfo } from "fflate";
import type { BenchmarkProblem } from "../../db/benchmark-runs.js";
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

const STORED = 0;
const DEFLATE = 8;
const code = (text: string): string => `\`${text}\``;
const UPLOAD_FIX = "Upload only the benchmark result files in the artifact (not build outputs or logs).";

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
  try {
    const bytes = unzipSync(zip, { filter: (entry) => entry.name === name })[name];
    if (bytes) return { bytes };
  } catch (error) {
    const detail = error instanceof Error ? ` (${error.message})` : "";
    return { problem: { file: name, line: null, reason: `The file's compressed data is damaged${detail}.`, fix: "Re-run the workflow to upload the artifact again." } };
  }
  throw new Error(`${name} vanished from the zip between listing and reading`);
}

/**
 * Opens an artifact's zip within ARTIFACT_LIMITS. A zip that cannot be opened, an empty one, too many or too
 * large files, and compression methods other than zip's usual two become problems, never a failed job.
 */
export function unzipArtifact(zip: Uint8Array, artifact: string): ArtifactContents {
  let entries: UnzipFileInfo[];
  try {
    entries = entriesOf(zip);
  } catch (error) {
    const detail = error instanceof Error ? ` (${error.message})` : "";
    const problem = { file: artifact, line: null, reason: `The artifact is not a readable zip archive${detail}.`, fix: "Re-run the workflow to upload the artifact again; if it happens again, check that the upload step uses `actions/upload-artifact` and finishes." };
    return { files: [], ignored: [], problems: [problem] };
  }

  const contents: ArtifactContents = { files: [], ignored: [], problems: [] };
  let total = 0;
  const leftOut: string[] = [];
  for (const entry of entries) {
    const reason = ignoredReason(entry.name);
    if (reason) {
      contents.ignored.push(`${code(entry.name)} (${reason})`);
    } else if (entry.compression !== STORED && entry.compression !== DEFLATE) {
      contents.problems.push({ file: entry.name, line: null, reason: `The file is compressed with method ${entry.compression}, which Kaizen cannot read.`, fix: "Upload the file with `actions/upload-artifact`, which zips with deflate." });
    } else if (entry.originalSize > ARTIFACT_LIMITS.fileBytes) {
      contents.problems.push({ file: entry.name, line: null, reason: `The file is ${formatBytes(entry.originalSize)}; Kaizen reads result files of up to ${formatBytes(ARTIFACT_LIMITS.fileBytes)}.`, fix: "Upload the tool's result export rather than raw logs, or split the results into several files." });
    } else if (contents.files.length >= ARTIFACT_LIMITS.files || total + entry.originalSize > ARTIFACT_LIMITS.totalBytes) {
      leftOut.push(entry.name);
    } else {
      total += entry.originalSize;
      contents.files.push({ name: entry.name, read: () => readEntry(zip, entry.name) });
    }
  }
  if (leftOut.length > 0) {
    const limits = `${ARTIFACT_LIMITS.files} files or ${formatBytes(ARTIFACT_LIMITS.totalBytes)}`;
    const names = leftOut.slice(0, 5).map(code).join(", ") + (leftOut.length > 5 ? ` and ${leftOut.length - 5} more` : "");
    contents.problems.push({ file: artifact, line: null, reason: `Kaizen reads up to ${limits} per artifact and left out ${names}.`, fix: UPLOAD_FIX });
  }
  if (entries.length === contents.ignored.length) {
    contents.problems.push({ file: artifact, line: null, reason: "The artifact holds no files.", fix: "Point `path:` of `actions/upload-artifact` at the files the benchmark step writes, and check that the step writes them." });
  }
  return contents;
}
