import { readResultFiles } from "../../../src/benchmarks/artifact/read-result-files.js";
import type { ArtifactFile } from "../../../src/benchmarks/artifact/unzip-artifact.js";

const file = (name: string, content: string | Uint8Array): ArtifactFile => ({
  name,
  read: () => ({ bytes: typeof content === "string" ? new TextEncoder().encode(content) : content }),
});
const custom = (entries: Array<[string, number]>) => JSON.stringify(entries.map(([name, value]) => ({ name, unit: "ms", value })));

describe("readResultFiles", () => {
  it("returns every measurement with the file and format it came from", () => {
    const read = readResultFiles([file("a.json", custom([["parse", 12.5]])), file("b.json", custom([["render", 3]]))], "auto");
    expect(read).toEqual({
      results: [
        { benchmark: "parse", measure: "ms", unit: "ms", better: "lower", value: 12.5, samples: null, file: "a.json", format: "github-action-benchmark" },
        { benchmark: "render", measure: "ms", unit: "ms", better: "lower", value: 3, samples: null, file: "b.json", format: "github-action-benchmark" },
      ],
      problems: [],
      filesRead: 2,
    });
  });

  it("keeps a measure reported by two files from the first and reports the second", () => {
    const read = readResultFiles([file("a.json", custom([["parse", 1]])), file("b.json", custom([["parse", 2], ["render", 3]]))], "auto");
    expect(read.results.map((r) => [r.benchmark, r.value, r.file])).toEqual([["parse", 1, "a.json"], ["render", 3, "b.json"]]);
    expect(read.problems).toEqual([
      { file: "b.json", line: null, reason: "1 result(s) are also in an earlier file, which Kaizen kept: `parse` (ms) from `a.json`.", fix: expect.any(String) },
    ]);
  });

  it("reports a file that is not UTF-8 text", () => {
    const read = readResultFiles([file("bench.bin", new Uint8Array([0x7b, 0xff, 0xfe, 0x7d]))], "auto");
    expect(read).toEqual({ results: [], filesRead: 0, problems: [{ file: "bench.bin", line: null, reason: "The file is not UTF-8 text.", fix: expect.any(String) }] });
  });

  it("reports what the parser could not read, with its line and a fix for the configured format", () => {
    const read = readResultFiles([file("out.json", '[\n  {"name": "parse", "value": }\n]')], "hyperfine");
    expect(read.problems).toEqual([
      {
        file: "out.json",
        line: 2,
        reason: expect.stringContaining("line 2"),
        fix: "Upload the file as hyperfine wrote it, or set `benchmarks.format: auto` when the artifact holds other formats too. Reading stopped at line 2: keep log lines and other output out of the file.",
      },
    ]);
  });

  it("passes on a problem found while decompressing a file", () => {
    const problem = { file: "a.json", line: null, reason: "The file's compressed data is damaged.", fix: "Re-run the workflow." };
    expect(readResultFiles([{ name: "a.json", read: () => ({ problem }) }], "auto").problems).toEqual([problem]);
  });
});
