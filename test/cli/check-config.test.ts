import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runKaizen } from "./run-kaizen.js";

const VALID = `
metrics:
  - name: latency
    source: prometheus
    query: kaizen_test_latency_seconds{env="{{environment}}"}
`;

// Each problem sits at a known line and column (1-based), noted on the right.
const BROKEN = `deployments:
  window: soon
  stepp: 30s
metrics:
  - name: latency
    query: up
    threshold: ten
  - query: up{env="{{environmnt}}"}
    source: promx
gate: maybe
`;
// 2:11 the value "soon"; 3:3 the unknown key; 7:16 the value "ten"; 8:5 the mapping without a name;
// 8:12 the query; 9:13 the value "promx"; 10:7 the value "maybe".

const SOURCES = `sources:
  prometheus:
    type: prometheus
    url: http://127.0.0.1:9090
`;

const BAD_SOURCES = `sources:
  prometheus:
    type: prometheus
    url: not a url
    timeot: 5s
    headers: { X-Token: "\${UNSET_TOKEN}" }
`;

describe("kaizen check-config", () => {
  let dir: string;
  const write = (name: string, text: string) => writeFile(join(dir, name), text);
  const check = (...args: string[]) => runKaizen(["check-config", ...args], { cwd: dir });

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "kaizen-check-config-"));
    await mkdir(join(dir, ".github"));
    await Promise.all([
      write(".github/kaizen.yml", VALID),
      write("broken.yml", BROKEN),
      write("sources.yml", SOURCES),
      write("bad-sources.yml", BAD_SOURCES),
      write("syntax.yml", "metrics:\n  - name: latency\n    query: up\n   unit: s\n"),
    ]);
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  describe("with a valid file", () => {
    it("reads .github/kaizen.yml by default, prints ok and exits 0", async () => {
      const { code, stdout, stderr } = await check();
      expect({ code, stderr }).toEqual({ code: 0, stderr: "" });
      expect(stdout).toBe("ok  .github/kaizen.yml: 1 metric, environments production; source names not checked (pass --sources)\n");
    });

    it("checks the sources file and the source names against it", async () => {
      const { code, stdout } = await check(".github/kaizen.yml", "--sources", "sources.yml");
      expect(code).toBe(0);
      expect(stdout.split("\n")).toEqual([
        "ok  sources.yml: 1 source (prometheus)",
        "ok  .github/kaizen.yml: 1 metric, environments production",
        "",
      ]);
    });
  });

  describe("with a file full of problems", () => {
    it("prints each problem at its line and column with its fix, top to bottom, and exits 1", async () => {
      const { code, stdout, stderr } = await check("broken.yml", "--sources", "sources.yml");
      expect(code).toBe(1);
      expect(stdout).toBe("ok  sources.yml: 1 source (prometheus)\n");
      const lines = stderr.trimEnd().split("\n");
      // "file:line:col  path" of each line, the rest being the message and fix.
      expect(lines.map((line) => /^\S+ {2}[^:]+/.exec(line)?.[0] ?? line)).toEqual([
        "broken.yml:2:11  deployments.window",
        "broken.yml:3:3  deployments.stepp",
        "broken.yml:7:16  metrics[0].threshold",
        "broken.yml:8:5  metrics[1].name",
        "broken.yml:8:12  metrics[1].query",
        "broken.yml:9:13  metrics[1].source",
        "broken.yml:10:7  gate",
        "7 problems in broken.yml",
      ]);
      expect(lines[2]).toBe(
        "broken.yml:7:16  metrics[0].threshold: `ten` is not a threshold.  Fix: Use a percentage like `10%` (relative to the baseline) or a number like `0.05` (absolute, in the metric's unit).",
      );
      expect(lines[1]).toContain("Fix: Did you mean `step`?");
    });

    it("names a source the operator does not have, with the known ones", async () => {
      const { stderr } = await check("broken.yml", "--sources", "sources.yml");
      expect(stderr).toContain(
        "broken.yml:9:13  metrics[1].source: There is no metrics source called `promx` on this Kaizen installation.  Fix: Known sources: `prometheus`.",
      );
    });

    it("takes the source names the file uses as given without a sources file", async () => {
      const { code, stderr } = await check("broken.yml");
      expect(code).toBe(1);
      expect(stderr).not.toContain("promx");
      expect(stderr).toContain("6 problems in broken.yml");
    });
  });

  describe("with a YAML syntax error", () => {
    it("prints the error at its line and column and exits 1", async () => {
      const { code, stderr } = await check("syntax.yml");
      expect(code).toBe(1);
      expect(stderr).toMatch(/^syntax\.yml:4:1 {2}\(file\): `syntax\.yml` is not valid YAML at line 4, column 1: .+ {2}Fix: Fix the YAML syntax there/);
    });
  });

  describe("with no file", () => {
    it("says the file is missing and exits 1", async () => {
      const { code, stderr } = await check("missing.yml");
      expect(code).toBe(1);
      expect(stderr).toContain("missing.yml  (file): Cannot read `missing.yml`: there is no such file.");
    });
  });

  describe("with a bad sources file", () => {
    it("prints each of its problems at its line and column and exits 1, still checking the kaizen.yml", async () => {
      const { code, stdout, stderr } = await check(".github/kaizen.yml", "--sources", "bad-sources.yml");
      expect(code).toBe(1);
      expect(stderr.trimEnd().split("\n")).toEqual([
        'bad-sources.yml:3:5  sources.prometheus: unknown field "timeot": remove it or check its spelling (allowed: type, url, graph_url, headers, timeout, retries, max_response_bytes, max_concurrent_queries)',
        "bad-sources.yml:4:10  sources.prometheus.url: must be an http(s) URL, e.g. http://prometheus:9090",
        "bad-sources.yml:6:25  sources.prometheus.headers.X-Token: environment variable UNSET_TOKEN is not set: set it in Kaizen's environment or remove ${UNSET_TOKEN} from the file",
      ]);
      expect(stdout).toContain("ok  .github/kaizen.yml: 1 metric");
    });

    it("reads the sources file from KAIZEN_SOURCES when --sources is not given", async () => {
      const { code, stderr } = await runKaizen(["check-config"], { cwd: dir, env: { KAIZEN_SOURCES: "bad-sources.yml" } });
      expect(code).toBe(1);
      expect(stderr).toContain("bad-sources.yml:4:10  sources.prometheus.url");
    });

    it("expands ${VAR} from the environment as the app does", async () => {
      const { stderr } = await runKaizen(["check-config", "--sources", "bad-sources.yml"], { cwd: dir, env: { UNSET_TOKEN: "t" } });
      expect(stderr).not.toContain("UNSET_TOKEN");
    });
  });
});
