import { KaizenConfig } from "../../../src/config/schema/kaizen-config.js";
import { readRadarLabels } from "../../../src/radar/model/read-radar-labels.js";

const radar = KaizenConfig.parse({ radar: {} }).radar!;
const custom = KaizenConfig.parse({
  radar: { rings: ["use", "try", "avoid"], quadrants: ["infra", "data"], ring_prefix: "Ring/", quadrant_prefix: "area:", proposal_ring: "try" },
}).radar!;

describe("readRadarLabels", () => {
  it.each([
    ["one ring and one quadrant", ["radar", "ring:trial", "quadrant:tools"], "trial", "tools"],
    ["names in another case", ["Ring:Adopt", "QUADRANT:Languages-And-Frameworks"], "adopt", "languages-and-frameworks"],
    ["unrelated labels beside them", ["bug", "ring:hold", "quadrant:platforms", "ringing"], "hold", "platforms"],
  ])("places an item with %s", (_case, labels, ring, quadrant) => {
    expect(readRadarLabels(radar, labels)).toEqual({ ring, quadrant, problems: [] });
  });

  it.each([
    ["two ring labels", ["ring:assess", "ring:trial", "quadrant:tools"], { ring: null, quadrant: "tools" }, "It has 2 ring labels (`ring:assess`, `ring:trial`): keep one of them."],
    ["an unknown ring", ["ring:explore", "quadrant:tools"], { ring: null, quadrant: "tools" }, "`ring:explore` is not a ring: use one of `ring:adopt`, `ring:trial`, `ring:assess`, `ring:hold`."],
    ["no quadrant", ["ring:adopt"], { ring: "adopt", quadrant: null }, "It has no quadrant label: add one of `quadrant:techniques`, `quadrant:tools`, `quadrant:platforms`, `quadrant:languages-and-frameworks`."],
  ])("reports %s with how to fix it", (_case, labels, placed, problem) => {
    expect(readRadarLabels(radar, labels)).toEqual({ ...placed, problems: [problem] });
  });

  it("reports a missing ring and a missing quadrant together", () => {
    expect(readRadarLabels(radar, ["radar"]).problems).toHaveLength(2);
  });

  it("names the unknown ring beside a known one, and every unknown one", () => {
    expect(readRadarLabels(radar, ["ring:assess", "ring:explore", "quadrant:tools"])).toEqual({
      ring: null,
      quadrant: "tools",
      problems: ["`ring:explore` is not a ring: use one of `ring:adopt`, `ring:trial`, `ring:assess`, `ring:hold`."],
    });
    expect(readRadarLabels(radar, ["ring:a", "ring:b", "quadrant:tools"]).problems).toHaveLength(2);
  });

  it("uses the configured prefixes and names", () => {
    expect(readRadarLabels(custom, ["ring/TRY", "area:data"])).toEqual({ ring: "try", quadrant: "data", problems: [] });
    expect(readRadarLabels(custom, ["ring:trial", "quadrant:tools"]).problems).toEqual([
      "It has no ring label: add one of `Ring/use`, `Ring/try`, `Ring/avoid`.",
      "It has no quadrant label: add one of `area:infra`, `area:data`.",
    ]);
  });
});
