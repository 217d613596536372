import { KaizenConfig } from "../../../src/config/schema/kaizen-config.js";
import { planLabelMove } from "../../../src/radar/model/plan-label-move.js";

const radar = KaizenConfig.parse({ radar: {} }).radar!;
const placed = { ring: "assess", quadrant: "tools" };

describe("planLabelMove", () => {
  it("moves a placed item to the ring just added and removes the old ring label", () => {
    const labels = ["radar", "ring:assess", "quadrant:tools", "ring:trial"];
    expect(planLabelMove(radar, labels, "ring:trial", placed)).toEqual({
      labels: ["radar", "quadrant:tools", "ring:trial"],
      remove: ["ring:assess"],
    });
  });

  it("moves a placed item to the quadrant just added", () => {
    const labels = ["radar", "ring:assess", "Quadrant:Tools", "quadrant:platforms"];
    expect(planLabelMove(radar, labels, "quadrant:platforms", placed).remove).toEqual(["Quadrant:Tools"]);
  });

  it.each([
    ["an item never placed", ["ring:assess", "ring:trial"], "ring:trial", { ring: null, quadrant: null }],
    ["the ring it is in already", ["ring:assess", "ring:trial"], "ring:assess", placed],
    ["an unknown ring", ["ring:assess", "ring:explore"], "ring:explore", placed],
    ["a label that is neither", ["ring:assess", "ring:trial"], "bug", placed],
    ["an event that adds no label", ["ring:assess", "ring:trial"], null, placed],
  ])("moves nothing for %s", (_case, labels, added, current) => {
    expect(planLabelMove(radar, labels, added, current)).toEqual({ labels, remove: [] });
  });

  it("keeps an unknown ring label, so the problem is reported rather than hidden", () => {
    const labels = ["ring:assess", "ring:explore", "ring:trial"];
    expect(planLabelMove(radar, labels, "ring:trial", placed)).toEqual({ labels: ["ring:explore", "ring:trial"], remove: ["ring:assess"] });
  });
});
