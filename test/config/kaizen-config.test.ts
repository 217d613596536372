import { KaizenConfig } from "../../src/config/schema/kaizen-config.js";

const metric = { name: "p95 latency", query: "up" };

describe("KaizenConfig", () => {
  it("fills in every default for an empty file", () => {
    expect(KaizenConfig.parse({})).toEqual({
      deployments: {
        environments: ["production"],
        soak: 600_000,
        window: 1_800_000,
        step: 30_000,
        baseline: "previous-window",
        noise_windows: 6,
      },
      metrics: [],
      benchmarks: {
        workflows: [],
        artifact: "kaizen-benchmarks",
        format: "auto",
        threshold: { kind: "relative", value: 0.1 },
        alpha: 0.01,
        history: 10,
        gate: false,
        overrides: [],
      },
      issues: { enabled: true, labels: ["performance"], confirm: 1_800_000 },
      drift: { enabled: true, window: 14 * 86_400_000 },
      dora: { production: ["production"], incident_label: "incident", digest: false },
      feedback: { auto_tune: false, suggest_after: 2, tune_after: 3, max_raise: 5 },
      comment: "always",
      gate: { check: false, environments: {} },
    });
  });

  it("fills in every metric default and names minSamples in camelCase", () => {
    expect(KaizenConfig.parse({ metrics: [metric] }).metrics).toEqual([
      {
        ...metric,
        unit: "",
        kind: "gauge",
        better: "lower",
        threshold: { kind: "relative", value: 0.1 },
        alpha: 0.01,
        minSamples: 10,
      },
    ]);
  });

  it("converts what users write into what the app uses", () => {
    const config = KaizenConfig.parse({
      deployments: {
        environments: ["staging", "production"],
        soak: "5m",
        window: "1h",
        step: "1m",
        baseline: "same-window-yesterday",
        noise_windows: 0,
      },
      metrics: [
        { ...metric, source: "prom", unit: "s", kind: "counter", better: "higher", threshold: 0.05, alpha: 0.05, min_samples: 20 },
      ],
      issues: { enabled: false, labels: [], confirm: 0 },
      comment: "on-regression",
      gate: true,
    });
    expect(config.deployments).toEqual({
      environments: ["staging", "production"],
      soak: 300_000,
      window: 3_600_000,
      step: 60_000,
      baseline: "same-window-yesterday",
      noise_windows: 0,
    });
    expect(config.metrics[0]).toMatchObject({
      source: "prom",
      kind: "counter",
      threshold: { kind: "absolute", value: 0.05 },
      minSamples: 20,
    });
    expect(config.issues).toEqual({ enabled: false, labels: [], confirm: 0 });
    expect(KaizenConfig.parse({ issues: { confirm: "1h" } }).issues.confirm).toBe(3_600_000);
    expect(config.gate).toEqual({ check: true, environments: {} });
  });

  it("has no radar unless the file has a radar section, and fills in every radar default for `radar: {}`", () => {
    expect(KaizenConfig.parse({}).radar).toBeUndefined();
    expect(KaizenConfig.parse({ radar: {} }).radar).toEqual({
      label: "radar",
      trend_label: "market-trend",
      rings: ["adopt", "trial", "assess", "hold"],
      quadrants: ["techniques", "tools", "platforms", "languages-and-frameworks"],
      ring_prefix: "ring:",
      quadrant_prefix: "quadrant:",
      trend_prefix: "trend:",
      impact_prefix: "impact:",
      proposal_ring: "assess",
      review: { schedule: "0 9 * 1,4,7,10 1#1", stale_after: 180 * 86_400_000, labels: ["radar-review"] },
    });
  });

  it.each([
    ["a ring listed twice ignoring case", { rings: ["assess", "Assess"] }, ["radar", "rings", 1]],
    ["a quadrant listed twice", { quadrants: ["tools", "tools"] }, ["radar", "quadrants", 1]],
    ["a proposal ring that is not a ring", { proposal_ring: "explore" }, ["radar", "proposal_ring"]],
    ["a ring name with a space", { rings: ["early adopt", "assess"] }, ["radar", "rings", 0]],
    ["a review schedule that is not cron", { review: { schedule: "every monday" } }, ["radar", "review", "schedule"]],
  ])("rejects %s in the radar section", (_case, radar, path) => {
    const result = KaizenConfig.safeParse({ radar });
    expect(result.error?.issues.map((issue) => issue.path)).toEqual([path]);
  });

  it("does not share default arrays between parses", () => {
    const first = KaizenConfig.parse({});
    first.deployments.environments.push("mutated");
    expect(KaizenConfig.parse({}).deployments.environments).toEqual(["production"]);
  });

  it.each([
    ["an unknown top-level key", { metric: [] }],
    ["an unknown nested key", { issues: { enable: true } }],
    ["an unknown metric key", { metrics: [{ ...metric, treshold: "5%" }] }],
  ])("rejects %s", (_case, input) => {
    expect(KaizenConfig.safeParse(input).success).toBe(false);
  });
});
