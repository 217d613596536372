import { validateConfig } from "../../src/config/validate-config.js";

const metric = { name: "p95 latency", query: 'up{env="{{environment}}"}' };
const oneSource = { sourceNames: ["prometheus"] };
const twoSources = { sourceNames: ["prometheus", "thanos"] };

function problemsOf(raw: unknown, ctx = oneSource) {
  const result = validateConfig(raw, ctx);
  if (result.ok) throw new Error("expected problems, got a valid config");
  return result.problems;
}

describe("validateConfig", () => {
  describe("a valid file", () => {
    it.each([
      ["empty (null)", null],
      ["empty (undefined)", undefined],
      ["an empty mapping", {}],
    ])("accepts %s with every default", (_case, raw) => {
      const result = validateConfig(raw, oneSource);
      expect(result).toMatchObject({ ok: true, config: { gate: { check: false, environments: {} }, comment: "always", metrics: [] } });
    });

    it("fills in the operator's only source", () => {
      const result = validateConfig({ metrics: [metric] }, oneSource);
      expect(result.ok && result.config.metrics[0]?.source).toBe("prometheus");
    });

    it("keeps the source a metric names", () => {
      const result = validateConfig({ metrics: [{ ...metric, source: "thanos" }] }, twoSources);
      expect(result.ok && result.config.metrics[0]?.source).toBe("thanos");
    });

    it("treats keys without a value as not written", () => {
      const result = validateConfig({ issues: null, deployments: { soak: null }, metrics: [{ ...metric, unit: null }] }, oneSource);
      expect(result).toMatchObject({ ok: true, config: { issues: { enabled: true }, deployments: { soak: 600_000 } } });
    });
  });

  describe("a file with one problem", () => {
    it.each([
      ["not a mapping", ["production"], "(file)", /must be a mapping/, /README/],
      ["unknown top-level field", { gates: true }, "gates", /`gates` is not a Kaizen option/, /Did you mean `gate`\?/],
      ["unknown nested field", { deployments: { sok: "5m" } }, "deployments.sok", /under `deployments`/, /Did you mean `soak`\?/],
      ["camelCase field", { metrics: [{ ...metric, minSamples: 5 }] }, "metrics[0].minSamples", /not a Kaizen option/, /Did you mean `min_samples`\?/],
      ["unknown field, no close name", { colour: "red" }, "colour", /not a Kaizen option/, /^The options here are: `_extends`, `deployments`/],
      ["wrong type", { gate: "yes" }, "gate", /Expected `true` or `false` or a mapping \(indented `key: value` lines\), got the text "yes"/, /`gate: false`/],
      ["list expected", { deployments: { environments: "production" } }, "deployments.environments", /Expected a list/, /`environments: \[production\]`/],
      ["wrong enum value", { comment: "sometimes" }, "comment", /"sometimes" is not an allowed value/, /`always`, `on-change`, `on-regression`/],
      ["wrong metric enum", { metrics: [{ ...metric, better: "up" }] }, "metrics[0].better", /not an allowed value/, /`lower`, `higher`/],
      ["bad threshold text", { metrics: [{ ...metric, threshold: "ten" }] }, "metrics[0].threshold", /`ten` is not a threshold/, /percentage like `10%`.*number like `0.05`/],
      ["negative threshold", { metrics: [{ ...metric, threshold: -1 }] }, "metrics[0].threshold", /at least 0/, /percentage like `10%`/],
      ["threshold of the wrong type", { metrics: [{ ...metric, threshold: true }] }, "metrics[0].threshold", /Expected text or a number, got `true`/, /percentage like `10%`/],
      ["bad duration", { deployments: { soak: "10 minutes" } }, "deployments.soak", /`10 minutes` is not a duration/, /`30s`, `10m` or `1h30m`/],
      ["duration as a number", { deployments: { window: 600 } }, "deployments.window", /Expected text, got the number 600/, /`1h30m`/],
      ["alpha out of range", { metrics: [{ ...metric, alpha: 0.5 }] }, "metrics[0].alpha", /less than 0.5, but it is 0.5/, /`alpha: 0.01`/],
      ["alpha zero", { metrics: [{ ...metric, alpha: 0 }] }, "metrics[0].alpha", /greater than 0/, /`alpha: 0.01`/],
      ["min_samples too low", { metrics: [{ ...metric, min_samples: 2 }] }, "metrics[0].min_samples", /at least 3/, /`min_samples: 10`/],
      ["min_samples not whole", { metrics: [{ ...metric, min_samples: 2.5 }] }, "metrics[0].min_samples", /whole number/, /`min_samples: 10`/],
      ["no environments", { deployments: { environments: [] } }, "deployments.environments", /at least 1 entry/, /`environments: \[production\]`/],
      ["empty label", { issues: { labels: [""] } }, "issues.labels[0]", /Must not be empty/, /Write each entry like the default: `labels: \[performance\]`/],
      ["metric that is not a mapping", { metrics: ["p95"] }, "metrics[0]", /Expected a mapping/, /Fix or remove this entry of `metrics`/],
      ["missing name", { metrics: [{ query: "up" }] }, "metrics[0].name", /`name` is required/, /Add `name:`/],
      ["missing query", { metrics: [{ name: "p95" }] }, "metrics[0].query", /`query` is required/, /Add `query:`.*one series/],
      ["empty query", { metrics: [{ ...metric, query: "" }] }, "metrics[0].query", /Must not be empty/, /one series/],
      ["unknown query variable", { metrics: [{ ...metric, query: "x{e=\"{{env}}\"}" }] }, "metrics[0].query", /`\{\{env\}\}`, which Kaizen does not know/, /Did you mean `\{\{environment\}\}`\?/],
      ["variable in a single-quoted string", { metrics: [{ ...metric, query: "sum(rate(x{ref='{{ref}}'}[5m]))" }] }, "metrics[0].query", /`\{\{ref\}\}` is in a single-quoted string/, /double-quoted label value, e\.g\. `\{ref="\{\{ref\}\}"\}`.*cannot change the query/],
      ["variable in a backtick string", { metrics: [{ ...metric, query: "x{ref=`{{ref}}`}" }] }, "metrics[0].query", /backtick \(raw\) string/, /double-quoted label value/],
      ["variable outside a string", { metrics: [{ ...metric, query: "x / {{sha}}" }] }, "metrics[0].query", /`\{\{sha\}\}` is outside a quoted string/, /double-quoted label value/],
      ["duplicate names", { metrics: [metric, { ...metric, name: "P95 Latency" }] }, "metrics[1].name", /already the name of `metrics\[0\]`/, /its own name/],
      ["too few samples per window", { metrics: [{ ...metric, min_samples: 100 }] }, "metrics[0].min_samples", /needs 100 samples.*30m window sampled every 30s holds only 60/, /Lower `min_samples`/],
      ["window too short for the default", { deployments: { window: "2m" }, metrics: [metric] }, "deployments.window", /need 10 samples per window by default.*2m window/, /lengthen `deployments.window`/],
    ])("reports %s", (_case, raw, path, message, fix) => {
      const problems = problemsOf(raw);
      expect(problems).toHaveLength(1);
      expect(problems[0]?.path).toBe(path);
      expect(problems[0]?.message).toMatch(message);
      expect(problems[0]?.fix).toMatch(fix);
    });
  });

  describe("sources", () => {
    it.each([
      ["unknown source", [{ ...metric, source: "prometeus" }], twoSources, "metrics[0].source", /no metrics source called `prometeus`/, /Did you mean `prometheus`\? Known sources: `prometheus`, `thanos`.*ask the Kaizen operator to add `prometeus`/],
      ["source omitted among several", [metric], twoSources, "metrics[0].source", /several metrics sources/, /Add `source:` with one of: `prometheus`, `thanos`/],
      ["no sources at all", [metric], { sourceNames: [] }, "metrics", /no metrics sources yet/, /Ask the Kaizen operator/],
    ])("reports %s", (_case, metrics, ctx, path, message, fix) => {
      const problems = problemsOf({ metrics }, ctx);
      expect(problems).toEqual([{ path, message: expect.stringMatching(message), fix: expect.stringMatching(fix) }]);
    });
  });

  it("reports every problem at once, sorted by path", () => {
    const sourced = { ...metric, source: "thanos" };
    const problems = problemsOf(
      {
        gate: "yes",
        deployments: { soak: "soon" },
        metrics: [
          { ...sourced, threshold: "lots", source: "nope" },
          ...Array.from({ length: 9 }, (_, i) => ({ ...sourced, name: `m${i}` })),
          { ...sourced, name: "m0", alpha: 2 },
        ],
        extra: 1,
      },
      twoSources,
    );
    expect(problems.map((problem) => problem.path)).toEqual([
      "deployments.soak",
      "extra",
      "gate",
      "metrics[0].source",
      "metrics[0].threshold",
      "metrics[10].alpha",
      "metrics[10].name",
    ]);
    for (const problem of problems) {
      expect(problem.message).not.toBe("");
      expect(problem.fix).not.toBe("");
    }
  });
});
