import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { readPrometheusFixture } from "../helpers/prometheus-fixture.js";
import { fixtureMetricsYaml } from "../helpers/fixture-metrics-yaml.js";
import { runKaizen } from "./run-kaizen.js";

const SHA = "f95f852bd8fca8fcc58a9a2d6c842781e32a215e";
const METRICS = `
${fixtureMetricsYaml("latency", "throughput", "error ratio", "staging latency")}`;
// The URL comes through ${PROMETHEUS_URL}, expanded from the environment as in the app.
const SOURCES = "sources:\n  prometheus:\n    type: prometheus\n    url: ${PROMETHEUS_URL}\n";

describe("kaizen evaluate", () => {
  const { url, stepAt } = readPrometheusFixture();
  const at = new Date(stepAt * 1000).toISOString();
  const env = { PROMETHEUS_URL: url };
  let dir: string;
  const evaluate = (args: string[], extraEnv: Record<string, string> = {}) =>
    runKaizen(["evaluate", "--environment", "production", "--at", at, ...args], { cwd: dir, env: { ...env, ...extraEnv } });

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "kaizen-evaluate-"));
    await Promise.all([
      writeFile(join(dir, "kaizen.yml"), METRICS),
      writeFile(join(dir, "gated.yml"), `gate: true\n${METRICS}`),
      writeFile(join(dir, "sources.yml"), SOURCES),
    ]);
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  describe("at the fixture's step change", () => {
    it("prints the check run's title, conclusion and summary as Markdown", async () => {
      const { code, stdout, stderr } = await evaluate(["--config", "kaizen.yml", "--sources", "sources.yml", "--sha", SHA, "--ref", "main"]);
      expect({ code, stderr }).toEqual({ code: 0, stderr: "" });
      const lines = stdout.split("\n");
      expect(lines.slice(0, 3)).toEqual([
        "# Kaizen performance: production: 1 regression, 1 improvement, 1 no change, 1 inconclusive",
        "",
        "Conclusion: neutral",
      ]);
      expect(stdout).toContain(`Dry run (\`kaizen evaluate\`) of ${SHA} (\`main\`) to **production** at ${at.replace(/\.\d{3}Z$/, "Z")}.`);
      expect(stdout).toMatch(/^\| latency \| 🔴 Regression \|/m);
      expect(stdout).toMatch(/^\| throughput \| 🟢 Improvement \|/m);
      expect(stdout).toMatch(/^\| error ratio \| ⚪ No change \|/m);
      expect(stdout).toMatch(/^\| staging latency \| 🟡 Inconclusive \|/m);
    });

    it("prints the report with its verdicts and numbers as JSON, reading the sources from KAIZEN_SOURCES", async () => {
      const { code, stdout } = await evaluate(["--config", "kaizen.yml", "--format", "json"], { KAIZEN_SOURCES: "sources.yml" });
      expect(code).toBe(0);
      const output = JSON.parse(stdout);
      expect(output).toMatchObject({
        name: "Kaizen performance",
        conclusion: "neutral",
        title: "production: 1 regression, 1 improvement, 1 no change, 1 inconclusive",
        report: { environment: "production", deployment: { id: 0, url: null, createdAt: at }, pulls: [], gate: false },
      });
      const byName = Object.fromEntries(output.report.metrics.map((m: any) => [m.name, m.result]));
      expect(Object.fromEntries(Object.entries(byName).map(([name, result]: [string, any]) => [name, result.verdict]))).toEqual({
        latency: "regression",
        throughput: "improvement",
        "error ratio": "no-change",
        "staging latency": "inconclusive",
      });
      expect(byName.latency.baseline.median).toBeCloseTo(0.1, 2);
      expect(byName.latency.candidate.median).toBeCloseTo(0.15, 2);
      // 0.10 → 0.15 with ±2 % noise on each sample: about +50 %.
      expect(byName.latency.changePct).toBeGreaterThan(45);
      expect(byName.latency.changePct).toBeLessThan(55);
      expect(byName.throughput.candidate.median).toBeCloseTo(130, -1);
      expect(byName["staging latency"].baseline.n).toBe(0);
    });

    it("exits 1 when the check run would fail (a regression with gate: true)", async () => {
      const { code, stdout } = await evaluate(["--config", "gated.yml", "--sources", "sources.yml"]);
      expect(code).toBe(1);
      expect(stdout).toContain("Conclusion: failure");
    });
  });

  describe("when it cannot evaluate", () => {
    it.each([
      ["an environment the config does not evaluate", ["--environment", "staging", "--sources", "sources.yml"], 1, /staging is not in deployments\.environments \(production\)/],
      ["no sources file", [], 2, /no sources file: pass --sources <file> or set KAIZEN_SOURCES/],
      ["an invalid config", ["--config", "sources.yml", "--sources", "sources.yml"], 1, /^sources\.yml:1:1 {2}sources: `sources` is not a Kaizen option/],
    ])("says so on stderr for %s", async (_case, args, exitCode, reason) => {
      const { code, stdout, stderr } = await evaluate(["--config", "kaizen.yml", ...args]);
      expect(code).toBe(exitCode);
      expect(stderr).toMatch(reason);
      expect(stdout).toBe("");
    });

    it("refuses a time whose candidate window has not closed yet", async () => {
      const soon = new Date(Date.now() - 60_000).toISOString();
      const { code, stderr } = await runKaizen(
        ["evaluate", "--environment", "production", "--at", soon, "--config", "kaizen.yml", "--sources", "sources.yml"],
        { cwd: dir, env },
      );
      expect(code).toBe(1);
      expect(stderr).toMatch(/^kaizen: The candidate window ends at .+, still to come/);
    });
  });
});
