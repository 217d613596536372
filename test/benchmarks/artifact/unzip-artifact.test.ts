import { strToU8, zipSync, type Zippable } from "fflate";
import { unzipArtifact, type ArtifactContents } from "../../../src/benchmarks/artifact/unzip-artifact.js";

const LIMITS = { files: 3, fileBytes: 100, totalBytes: 250 };

function zip(files: Record<string, string | Uint8Array>): Uint8Array {
  const entries: Zippable = {};
  for (const [name, content] of Object.entries(files)) entries[name] = typeof content === "string" ? strToU8(content) : content;
  return zipSync(entries);
}

/** Each file's name and text, read in the order given. */
function texts(contents: ArtifactContents): Array<[string, string]> {
  return contents.files.map((file) => {
    const read = file.read();
    if ("problem" in read) throw new Error(read.problem.reason);
    return [file.name, new TextDecoder().decode(read.bytes)];
  });
}

/** The offset of the first central directory header, where each entry's method and sizes are declared. */
const centralDirectory = (bytes: Uint8Array): number =>
  bytes.findIndex((_, i) => bytes[i] === 0x50 && bytes[i + 1] === 0x4b && bytes[i + 2] === 0x01 && bytes[i + 3] === 0x02);

describe("unzipArtifact", () => {
  it("returns the files in name order, ignoring and listing folders and macOS metadata", () => {
    const contents = unzipArtifact(zip({ "b.json": "[2]", "dir/": "", "dir/a.txt": "one", "__MACOSX/dir/._a.txt": "\u0000" }), "kaizen-benchmarks", LIMITS);
    expect(texts(contents)).toEqual([["b.json", "[2]"], ["dir/a.txt", "one"]]);
    expect(contents.ignored).toEqual(["`__MACOSX/dir/._a.txt` (macOS metadata)", "`dir/` (directory)"]);
    expect(contents.problems).toEqual([]);
  });

  it("reads files stored without compression", () => {
    const stored = zipSync({ "a.txt": [strToU8("plain"), { level: 0 }] });
    expect(texts(unzipArtifact(stored, "kaizen-benchmarks", LIMITS))).toEqual([["a.txt", "plain"]]);
  });

  it("reports a file over the size limit and reads the others", () => {
    const contents = unzipArtifact(zip({ "big.json": "x".repeat(101), "small.json": "x".repeat(100) }), "kaizen-benchmarks", LIMITS);
    expect(contents.files.map((f) => f.name)).toEqual(["small.json"]);
    expect(contents.problems).toEqual([
      { file: "big.json", line: null, reason: "The file is 101 B; Kaizen reads result files of up to 100 B.", fix: expect.stringContaining("split") },
    ]);
  });

  it("reads up to the file count and total size, and names the files it left out", () => {
    const tooMany = unzipArtifact(zip({ a: "1", b: "2", c: "3", d: "4", e: "5" }), "kaizen-benchmarks", LIMITS);
    expect(tooMany.files.map((f) => f.name)).toEqual(["a", "b", "c"]);
    expect(tooMany.problems).toEqual([
      { file: "kaizen-benchmarks", line: null, reason: "Kaizen reads up to 3 files or 250 B per artifact and left out `d`, `e`.", fix: expect.any(String) },
    ]);
    const tooLarge = unzipArtifact(zip({ a: "x".repeat(100), b: "x".repeat(100), c: "x".repeat(100) }), "kaizen-benchmarks", LIMITS);
    expect(tooLarge.files.map((f) => f.name)).toEqual(["a", "b"]);
    expect(tooLarge.problems[0]?.reason).toContain("left out `c`");
  });

  it("reports an empty artifact, and one holding only folders", () => {
    for (const empty of [zipSync({}), zipSync({ results: {} })]) {
      const contents = unzipArtifact(empty, "kaizen-benchmarks", LIMITS);
      expect(contents.files).toEqual([]);
      expect(contents.problems).toEqual([{ file: "kaizen-benchmarks", line: null, reason: "The artifact holds no files.", fix: expect.stringContaining("`path:`") }]);
    }
  });

  it("reports bytes that are not a zip archive as the artifact's problem", () => {
    const contents = unzipArtifact(strToU8("<html>not found</html>"), "kaizen-benchmarks", LIMITS);
    expect(contents.files).toEqual([]);
    expect(contents.problems).toEqual([
      { file: "kaizen-benchmarks", line: null, reason: expect.stringMatching(/^The artifact is not a readable zip archive/), fix: expect.stringContaining("Re-run") },
    ]);
  });

  it("reports a file whose compressed data is damaged when it is read", () => {
    const bytes = zip({ "a.json": JSON.stringify(Array.from({ length: 20 }, (_, i) => ({ name: `b${i}`, value: i }))) });
    bytes.fill(0xff, 40, 60); // inside a.json's deflate stream, after its local header
    const [file] = unzipArtifact(bytes, "kaizen-benchmarks", { ...LIMITS, fileBytes: 10_000, totalBytes: 10_000 }).files;
    expect(file?.read()).toEqual({ problem: { file: "a.json", line: null, reason: expect.stringMatching(/^The file's compressed data is damaged/), fix: expect.any(String) } });
  });

  it("reports a file compressed with a method other than deflate", () => {
    const bytes = zip({ "a.json": "[1]", "b.json": "[2]" });
    const header = centralDirectory(bytes);
    bytes[header + 10] = 12; // bzip2
    const contents = unzipArtifact(bytes, "kaizen-benchmarks", LIMITS);
    expect(contents.files.map((f) => f.name)).toEqual(["b.json"]);
    expect(contents.problems).toEqual([
      { file: "a.json", line: null, reason: "The file is compressed with method 12, which Kaizen cannot read.", fix: expect.any(String) },
    ]);
  });
});
