import { inflateSync, strToU8 } from "fflate";
import nock from "nock";
import { unzipArtifact } from "../../../src/benchmarks/artifact/unzip-artifact.js";
import { readResultFiles } from "../../../src/benchmarks/artifact/read-result-files.js";
import { BenchmarkParseError, RESULT_LIMITS } from "../../../src/benchmarks/benchmark-result.js";
import { parseBenchmarkFile } from "../../../src/benchmarks/formats/parse-benchmark-file.js";
import { INSTALLATION_ID, workflowRunPayload, type WorkflowRunOptions } from "../../helpers/webhook-payloads.js";
import { startKaizen, type RunningKaizen } from "../../helpers/start-kaizen.js";
import { nockAccessToken, nockConfig } from "../../helpers/nock-app.js";
import { benchmarkNocks } from "../../helpers/nock-benchmarks.js";
import { fastestMs, repeatedGoLines, uniqueGoNames, zipBomb } from "./hostile-helpers.js";

const MiB = 1024 * 1024;
const LIMITS = { files: 100, fileBytes: 5 * MiB, totalBytes: 50 * MiB };
const GOOD = "BenchmarkFine-8 100 12 ns/op\n";

function parseError(run: () => unknown): BenchmarkParseError {
  try {
    run();
  } catch (error) {
    if (error instanceof BenchmarkParseError) return error;
    throw error;
  }
  throw new Error("expected a BenchmarkParseError");
}

describe("a hostile benchmark artifact", () => {
  describe("Go text of 40 000 repeated lines", () => {
    it("parses in time linear in its length (4× the lines cost well under 10× the time)", () => {
      const small = repeatedGoLines(10_000);
      const large = repeatedGoLines(40_000);
      parseBenchmarkFile("warm-up.txt", small, "go");
      const smallMs = fastestMs(() => parseBenchmarkFile("small.txt", small, "go"));
      const largeMs = fastestMs(() => parseBenchmarkFile("large.txt", large, "go"));
      // Quadratic parsing (a copy of the samples per line) made 4× the lines cost 16× the time: 65 s at 40 000.
      expect(largeMs).toBeLessThan(10 * Math.max(smallMs, 1));
      const [ns] = parseBenchmarkFile("large.txt", large, "go").measurements;
      expect(ns).toMatchObject({ benchmark: "BenchmarkParse-8", measure: "ns/op" });
      // The value is the median of every line; the samples kept are capped.
      expect(ns?.samples).toHaveLength(RESULT_LIMITS.samples);
    });
  });

  describe("Go text of 198 000 unique benchmark names (4.7 MB, under the byte limits)", () => {
    it("is refused at the name limit with the line and the fix, before holding them all", () => {
      const error = parseError(() => parseBenchmarkFile("names.txt", uniqueGoNames(198_000), "go"));
      expect(error.line).toBe(RESULT_LIMITS.benchmarks + 1);
      expect(error.reason).toBe(
        `more than ${RESULT_LIMITS.benchmarks} benchmarks in one file, more than Kaizen reads: split the results into several files or run fewer benchmarks`,
      );
    });

    it("is refused in JSON formats too", () => {
      const json = JSON.stringify(Array.from({ length: RESULT_LIMITS.measurements + 1 }, (_, i) => ({ name: `b${i}`, unit: "ms", value: 1 })));
      expect(parseError(() => parseBenchmarkFile("many.json", json, "auto")).reason).toMatch(/^20001 results in one file, more than the 20000 Kaizen reads/);
    });
  });

  describe("a benchmark name of 1 009 characters", () => {
    it("is refused with its length and the limit, not truncated into another benchmark's name", () => {
      const name = `Benchmark${"_".repeat(1_000)}`;
      const error = parseError(() => parseBenchmarkFile("long.txt", `${GOOD}${name} 1 5 ns/op\n`, "go"));
      expect(error).toMatchObject({ line: 2, reason: "the benchmark name is 1009 characters long; Kaizen reads names of up to 300: shorten it" });
      const json = JSON.stringify([{ name: "x".repeat(301), unit: "ms", value: 1 }]);
      expect(parseError(() => parseBenchmarkFile("long.json", json, "auto")).reason).toContain("301 characters long");
    });
  });

  describe("a zip whose entries declare small sizes but inflate to far more", () => {
    const bombBytes = 16 * MiB;
    const declaredSmall = zipBomb("bomb.txt", bombBytes, 1_000, { "fine.txt": strToU8(GOOD) });
    const declaredAtLimit = zipBomb("bomb.txt", bombBytes, LIMITS.fileBytes);

    it("stops inflating at the declared size, reports it, and reads the other files", () => {
      const contents = unzipArtifact(declaredSmall, "kaizen-benchmarks", LIMITS);
      const read = readResultFiles(contents.files, "go");
      expect(read.problems).toEqual([
        {
          file: "bomb.txt",
          line: null,
          reason: "The file decompresses to more than the 1000 B the zip declares for it; Kaizen stopped reading it there.",
          fix: "Upload the artifact with `actions/upload-artifact`, which writes sizes that match the data.",
        },
      ]);
      expect(read.results.map((r) => r.benchmark)).toEqual(["BenchmarkFine-8"]);
    });

    it("stops at the file limit when the declared size is the limit", () => {
      const [bomb] = unzipArtifact(declaredAtLimit, "kaizen-benchmarks", LIMITS).files;
      const opened = bomb!.read();
      expect("problem" in opened && opened.problem.reason).toBe("The file decompresses to more than the 5 MiB the zip declares for it; Kaizen stopped reading it there.");
    });

    it("costs a small part of inflating the bomb whole (the work is bounded by the limit, not the archive)", () => {
      const [bomb] = unzipArtifact(declaredSmall, "kaizen-benchmarks", LIMITS).files.filter((f) => f.name === "bomb.txt");
      const boundedMs = fastestMs(() => bomb!.read());
      const wholeMs = fastestMs(() => inflateWhole(declaredSmall), 1);
      expect(boundedMs).toBeLessThan(wholeMs / 4);
    });
  });

  describe("delivered through a fork's workflow run", () => {
    const repo = { owner: "octo-org", repo: "octo-repo" } as const;
    const { nockListArtifacts, nockDownloadArtifact } = benchmarkNocks(repo);
    let kaizen: RunningKaizen;

    beforeAll(async () => {
      nock.disableNetConnect();
      kaizen = await startKaizen({ idleJobs: ["compare-benchmarks"] });
    });
    afterAll(async () => {
      await kaizen.stop();
      nock.cleanAll();
      nock.enableNetConnect();
    });

    it("records each attack as a problem with its fix, keeps the readable results, and the process stays up", async () => {
      const run: WorkflowRunOptions = { runId: 30_000_000_901, headSha: "9".repeat(40), headBranch: "main", forkOwner: "mallory" };
      nockAccessToken(INSTALLATION_ID).persist();
      nockConfig("benchmarks:\n  workflows: [Benchmarks]\n", repo);
      nockListArtifacts(run.runId, [{ id: 901, name: "kaizen-benchmarks" }]);
      const artifact = zipBomb("c-bomb.txt", 16 * MiB, 1_000, {
        "a-fine.txt": strToU8(GOOD),
        "b-names.txt": strToU8(uniqueGoNames(198_000)),
        "d-repeated.txt": strToU8(repeatedGoLines(40_000).replaceAll("Parse", "Repeat")),
      });
      nockDownloadArtifact(901, artifact);

      const started = Date.now();
      await kaizen.probot.receive({ id: "hostile-901", name: "workflow_run", payload: workflowRunPayload(run) } as never);
      let stored: { id: string; state: string; problems: Array<{ file: string; reason: string }> } | undefined;
      while (Date.now() - started < 15_000) {
        const { rows } = await kaizen.pool.query("select id, state, problems from benchmark_runs where github_run_id = $1", [run.runId]);
        stored = rows[0];
        if (stored && stored.state !== "pending") break;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }

      expect(stored?.state).toBe("ingested");
      expect(stored?.problems).toEqual([
        expect.objectContaining({ file: "b-names.txt", reason: expect.stringMatching(/^more than 5000 benchmarks in one file/) }),
        expect.objectContaining({ file: "c-bomb.txt", reason: expect.stringMatching(/^The file decompresses to more than the 1000 B/) }),
      ]);
      const { rows } = await kaizen.pool.query("select benchmark, cardinality(samples) as n from benchmark_results where run_id = $1 order by benchmark, measure", [stored!.id]);
      expect(rows.map((r) => r.benchmark)).toEqual(["BenchmarkFine-8", "BenchmarkRepeat-8", "BenchmarkRepeat-8", "BenchmarkRepeat-8"]);
      expect(rows.filter((r) => r.benchmark === "BenchmarkRepeat-8").map((r) => r.n)).toEqual([10_000, 10_000, 10_000]);
      expect((await kaizen.pool.query("select 1 as alive")).rows).toEqual([{ alive: 1 }]);
    });
  });
});

/** What reading the bomb would cost without the limit: its whole deflate stream, inflated. */
function inflateWhole(zip: Uint8Array): number {
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  for (let at = 0; at + 30 < zip.length; at++) {
    if (view.getUint32(at, true) !== 0x04034b50) continue;
    const name = new TextDecoder().decode(zip.subarray(at + 30, at + 30 + view.getUint16(at + 26, true)));
    if (name !== "bomb.txt") continue;
    const start = at + 30 + view.getUint16(at + 26, true) + view.getUint16(at + 28, true);
    return inflateSync(zip.subarray(start, start + view.getUint32(at + 18, true))).length;
  }
  throw new Error("no bomb.txt in the zip");
}
