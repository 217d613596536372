import { KaizenConfig } from "../../../src/config/kaizen-config.js";

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
      comment: "always",
      gate: false,
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
    expect(config.gate).toBe(true);
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
