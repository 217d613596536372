import { computeDora } from "../../src/dora/model/compute-dora.js";
import { FIXTURE, FIXTURE_RANGE, sha } from "./fixture-history.js";

// The production deploys only, as the store hands them over; hand computation in test/dora/README.md.
const production = { ...FIXTURE, deployments: FIXTURE.deployments.filter((d) => d.environment === "production") };

describe("computeDora", () => {
  const report = computeDora(production, FIXTURE_RANGE);

  it("matches the hand-computed week of 2026-03-02", () => {
    expect(report.weeks[0]).toEqual({
      week: "2026-03-02",
      deploys: 6,
      deploymentDays: 3,
      changes: 5,
      leadTimeMedianHours: 2,
      leadTimeP90Hours: 24,
      failedDeploys: 2,
      changeFailRate: 2 / 6,
      recovered: 2,
      unrecovered: 0,
      recoveryMedianHours: 4.5,
      reworkDeploys: 2,
      reworkRate: 2 / 6,
    });
  });

  it("matches the hand-computed week of 2026-03-09", () => {
    expect(report.weeks[1]).toEqual({
      week: "2026-03-09",
      deploys: 4,
      deploymentDays: 3,
      changes: 3,
      leadTimeMedianHours: 24,
      leadTimeP90Hours: 72,
      failedDeploys: 3,
      changeFailRate: 0.75,
      recovered: 2,
      unrecovered: 1,
      recoveryMedianHours: 4,
      reworkDeploys: 1,
      reworkRate: 0.25,
    });
  });

  it("matches the hand-computed two weeks, with the 2024 bands named by report", () => {
    expect(report.weeks).toHaveLength(2);
    expect(report.summary).toEqual({
      weeks: 2,
      deploysPerWeek: 5,
      deploymentDaysPerWeek: 3,
      deploys: 10,
      deploymentDays: 6,
      changes: 8,
      leadTimeMedianHours: 12,
      leadTimeP90Hours: 72,
      failedDeploys: 5,
      changeFailRate: 0.5,
      recovered: 4,
      unrecovered: 1,
      recoveryMedianHours: 4.5,
      reworkDeploys: 3,
      reworkRate: 0.3,
    });
    expect(report.bands).toEqual({
      deploymentFrequency: expect.objectContaining({ cluster: "high", report: expect.stringContaining("2024") }),
      changeLeadTime: expect.objectContaining({ cluster: "elite", range: "less than one day" }),
      changeFailRate: expect.objectContaining({ cluster: "low" }),
      recoveryTime: expect.objectContaining({ cluster: "high or medium" }),
    });
    expect(report.bandsNote).toContain("2025 report dropped fixed performance bands");
  });

  it("names the rule behind each failed deploy, and its recovery", () => {
    const failed = report.failedDeploys.map((f) => ({ id: f.deploymentId, rules: f.causes.map((c) => c.rule), hours: f.recoveryHours }));
    expect(failed).toEqual([
      { id: 103, rules: ["incident-after-deploy"], hours: 6 },
      { id: 105, rules: ["failed-after-success"], hours: 3 },
      { id: 108, rules: ["confirmed-regression"], hours: 6 },
      { id: 109, rules: ["rollback"], hours: 2 },
      { id: 111, rules: ["incident-link"], hours: null },
    ]);
    expect(report.failedDeploys[2]!.causes[0]!.evidence).toBe("p95 latency (issue #60)");
    expect(report.reworkDeploys.map((r) => [r.deploymentId, r.fixing])).toEqual([[104, 103], [106, 105], [110, 109]]);
  });

  it("counts a commit listed again after a rollback at its first deploy, and a pull request as one change", () => {
    expect(report.changes.map((c) => [c.change, c.deploymentId, c.leadTimeHours])).toEqual([
      ["#1", 102, 22],
      [sha("d3"), 103, 2],
      [sha("e4"), 104, 0.5],
      [sha("f5"), 105, 24],
      [sha("96"), 106, 1],
      ["#2", 108, 72],
      [sha("99"), 109, 2],
      [sha("11"), 111, 24],
    ]);
  });

  it("counts nothing for a period without deploys", () => {
    const empty = computeDora(production, { from: new Date("2025-01-06T00:00:00Z"), to: new Date("2025-01-13T00:00:00Z") });
    expect(empty.summary).toMatchObject({ deploys: 0, changeFailRate: null, leadTimeMedianHours: null, reworkRate: null });
    expect(empty.bands.changeFailRate).toBeNull();
  });
});
