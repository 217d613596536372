import { doraCsv } from "../../src/dora/format-dora.js";
import { computeDora } from "../../src/dora/model/compute-dora.js";
import { FIXTURE, FIXTURE_RANGE } from "./fixture-history.js";

describe("doraCsv", () => {
  it("writes the hand-computed rows of the fixture", () => {
    const production = { ...FIXTURE, deployments: FIXTURE.deployments.filter((d) => d.environment === "production") };
    expect(doraCsv(computeDora(production, FIXTURE_RANGE)).split("\n").slice(1)).toEqual([
      "2026-03-02,6,3,5,2,24,2,33.3%,2,0,4.5,2,33.3%",
      "2026-03-09,4,3,3,24,72,3,75.0%,2,1,4,1,25.0%",
      "total,10,6,8,12,72,5,50.0%,4,1,4.5,3,30.0%",
      "",
    ]);
  });

  it.each(["=cmd()", "+1", "-1", "@SUM(A1)", "\tx", "\rx"])("neutralises a week label starting like a formula: %j", (label) => {
    const report = computeDora({ deployments: [], commits: [], pulls: [], incidents: [], regressions: [] }, FIXTURE_RANGE);
    report.weeks[0]!.week = label;
    const cell = doraCsv(report).split("\n")[1]!.split(",")[0]!;
    expect(cell.replace(/^"|"$/g, "").startsWith(`'${label[0]}`)).toBe(true);
  });
});
