import { Inflate, unzipSync, type UnzipFileInfo } from "fflate";
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

/** An entry as the central directory lists it, with where its data starts. */
type Entry = UnzipFileInfo & { dataStart: number };

function entriesOf(zip: Uint8Array): Entry[] {
  const listed: UnzipFileInfo[] = [];
  // The filter sees every entry of the central directory; returning false decompresses nothing.
  unzipSync(zip, { filter: (entry) => (listed.push(entry), false) });
  const starts = dataStarts(zip);
  if (starts.length !== listed.length) throw new Error("the central directory lists entries that cannot be found");
  const entries = listed.map((entry, index) => ({ ...entry, dataStart: starts[index]! }));
  return entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/**
 * Where each entry's data starts, in central-directory order (fflate's listing order): fflate says what an entry
 * is, not where, and reading one entry ourselves is what lets inflation stop at a byte count. Throws on a
 * structure that does not hold together (the caller reports the zip as unreadable).
 */
function dataStarts(zip: Uint8Array): number[] {
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  let end = zip.length - 22;
  while (end >= 0 && view.getUint32(end, true) !== 0x06054b50) end--;
  if (end < 0) throw new Error("no end of central directory");
  let count = view.getUint16(end + 10, true);
  let at = view.getUint32(end + 16, true);
  // ZIP64: the real count and offset are in the ZIP64 end record the locator before this one points at.
  if (count === 0xffff || at === 0xffffffff) {
    const locator = end - 20;
    if (locator < 0 || view.getUint32(locator, true) !== 0x07064b50) throw new Error("no ZIP64 locator");
    const record = Number(view.getBigUint64(locator + 8, true));
    count = Number(view.getBigUint64(record + 32, true));
    at = Number(view.getBigUint64(record + 48, true));
  }
  const starts: number[] = [];
  for (let index = 0; index < count; index++) {
    if (view.getUint32(at, true) !== 0x02014b50) throw new Error("a central directory entry is damaged");
    const nameLength = view.getUint16(at + 28, true);
    const extraLength = view.getUint16(at + 30, true);
    const commentLength = view.getUint16(at + 32, true);
    let local = view.getUint32(at + 42, true);
    if (local === 0xffffffff) local = zip64Offset(view, at, at + 46 + nameLength, extraLength);
    if (view.getUint32(local, true) !== 0x04034b50) throw new Error("a local file header is missing");
    starts.push(local + 30 + view.getUint16(local + 26, true) + view.getUint16(local + 28, true));
    at += 46 + nameLength + extraLength + commentLength;
  }
  return starts;
}

/** The local header offset from an entry's ZIP64 extra field, after the sizes it also holds when they overflow. */
function zip64Offset(view: DataView, entry: number, extra: number, length: number): number {
  for (let at = extra; at + 4 <= extra + length; at += 4 + view.getUint16(at + 2, true)) {
    if (view.getUint16(at, true) !== 0x0001) continue;
    let field = at + 4;
    if (view.getUint32(entry + 24, true) === 0xffffffff) field += 8;
    if (view.getUint32(entry + 20, true) === 0xffffffff) field += 8;
    return Number(view.getBigUint64(field, true));
  }
  throw new Error("a ZIP64 entry has no offset");
}

/** Compressed bytes fed to the inflater at a time: deflate expands at most ~1 000×, so one step writes ≤ ~0.5 MiB. */
const INFLATE_STEP = 512;

/**
 * Decompresses one entry, stopping as soon as the output passes the smaller of its declared size and the
 * file limit: a zip from a fork can declare 1 KiB and inflate to gigabytes, and the time and memory spent
 * must be what the limit allows, not what the archive asks for.
 */
function readEntry(zip: Uint8Array, entry: Entry, limits: Limits): ReturnType<ArtifactFile["read"]> {
  const allowed = Math.min(entry.originalSize, limits.fileBytes);
  const data = zip.subarray(entry.dataStart, entry.dataStart + entry.size);
  if (data.length < entry.size) return { problem: damaged(entry.name, new Error("the entry runs past the end of the zip")) };
  if (entry.compression === STORED) {
    return data.length > allowed ? { problem: inflatesPast(entry, allowed) } : { bytes: data.slice() };
  }
  const chunks: Uint8Array[] = [];
  let written = 0;
  const inflater = new Inflate((chunk) => {
    written += chunk.length;
    if (written <= allowed) chunks.push(chunk);
  });
  try {
    for (let at = 0; at < data.length && written <= allowed; at += INFLATE_STEP) {
      const end = Math.min(at + INFLATE_STEP, data.length);
      inflater.push(data.subarray(at, end), end === data.length);
    }
  } catch (error) {
    return { problem: damaged(entry.name, error) };
  }
  if (written > allowed) return { problem: inflatesPast(entry, allowed) };
  const bytes = new Uint8Array(written);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.length;
  }
  return { bytes };
}

function damaged(name: string, error: unknown): BenchmarkProblem {
  const reason = `The file's compressed data is damaged${detail(error)}.`;
  return problem(name, reason, "Re-run the workflow to upload the artifact again.");
}

function inflatesPast(entry: Entry, allowed: number): BenchmarkProblem {
  const declared = entry.originalSize <= allowed;
  const reason = declared
    ? `The file decompresses to more than the ${formatBytes(entry.originalSize)} the zip declares for it; Kaizen stopped reading it there.`
    : `The file decompresses to more than ${formatBytes(allowed)}, the most Kaizen reads of one file.`;
  return problem(entry.name, reason, "Upload the artifact with `actions/upload-artifact`, which writes sizes that match the data.");
}

/** Why one entry cannot be read, before decompressing it. */
function entryProblem(entry: Entry, limits: Limits): BenchmarkProblem | null {
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
  let entries: Entry[];
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
      contents.files.push({ name: entry.name, read: () => readEntry(zip, entry, limits) });
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
