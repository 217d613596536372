import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { createKaizenMetrics } from "../../src/http/metrics.js";

const RULES = "deploy/prometheus/kaizen-alerts.yml";
const DASHBOARD = "deploy/grafana/kaizen-dashboard.json";

/** Every `kaizen_…` series name a PromQL expression reads, without histogram suffixes. */
function seriesNames(expr: string): string[] {
  return [...expr.matchAll(/\bkaizen_[a-z_]+/g)].map(([name]) => name.replace(/_(bucket|count|sum)$/, ""));
}

describe("deploy/ files for watching Kaizen itself", () => {
  const exposed = new Set(
    createKaizenMetrics({ query: async () => ({ rows: [] }) } as never)
      .registry.getMetricsAsArray()
      .map((metric) => metric.name),
  );

  it("has alert rules that promtool accepts", () => {
    const out = execFileSync("promtool", ["check", "rules", RULES], { encoding: "utf8" });
    expect(out).toMatch(/SUCCESS: 5 rules found/);
  });

  it("reads only metrics that /metrics exposes, in the rules and the dashboard", () => {
    const rules = readFileSync(RULES, "utf8");
    const dashboard = JSON.parse(readFileSync(DASHBOARD, "utf8")) as { panels: Array<{ targets: Array<{ expr: string }> }> };
    const exprs = [...rules.matchAll(/expr: (.*)/g)].map(([, expr]) => expr!);
    exprs.push(...dashboard.panels.flatMap((panel) => panel.targets.map((target) => target.expr)));
    const read = exprs.flatMap(seriesNames);
    expect(read.length).toBeGreaterThan(10);
    expect(read.filter((name) => !exposed.has(name))).toEqual([]);
  });
});
