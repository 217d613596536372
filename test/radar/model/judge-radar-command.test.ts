import { KaizenConfig } from "../../../src/config/schema/kaizen-config.js";
import type { RadarItem } from "../../../src/radar/model/radar-item.js";
import { judgeRadarCommand } from "../../../src/radar/model/judge-radar-command.js";

const radar = KaizenConfig.parse({ radar: {} }).radar!;
const move = { kind: "move", ring: "trial", reason: "two teams use it" } as const;

function item(overrides: Partial<RadarItem>): RadarItem {
  return {
    id: 1, repoId: 1, owner: "o", repo: "r", installationId: 2, issueNumber: 7, kind: "radar", title: "Bun", body: "",
    url: "https://github.com/o/r/issues/7", ring: "assess", quadrant: "tools", trend: null, impact: null, status: "active",
    thumbsUp: 0, problem: null, announcedProblem: null, syncedAt: null, lastReviewedAt: null,
    createdAt: new Date(0), updatedAt: new Date(0), ...overrides,
  };
}

describe("judgeRadarCommand", () => {
  it("moves an active radar item to another ring, with the reason", () => {
    const stored = item({});
    expect(judgeRadarCommand(move, stored, radar)).toEqual({ kind: "move", item: stored, from: "assess", to: "trial", reason: "two teams use it" });
  });

  it.each([
    ["no item", null, "this issue is not a radar item: add the `radar` label with a ring and a quadrant label first."],
    ["a trend", item({ kind: "trend", ring: null }), "this issue is not a radar item: add the `radar` label with a ring and a quadrant label first."],
    ["an item gone", item({ status: "gone" }), "this issue is not a radar item: add the `radar` label with a ring and a quadrant label first."],
    ["a retired item", item({ status: "retired" }), "this item is retired (its issue is closed): reopen the issue to move it."],
    ["a pending item", item({ status: "pending", ring: null }), "this item is not on the radar yet: fix its labels as explained above, then move it."],
    ["an item in that ring", item({ ring: "trial" }), "this item is in Trial already, so nothing moved."],
  ])("replies instead of moving %s", (_case, stored, problem) => {
    expect(judgeRadarCommand(move, stored, radar)).toEqual({ kind: "reply", problem });
  });

  it("replies to a bad command before looking at the item", () => {
    expect(judgeRadarCommand({ kind: "unknown-ring", given: "later" }, null, radar)).toEqual({ kind: "reply", problem: "`later` is not a ring of this radar." });
  });

  it("quotes an unknown ring so its own backticks cannot end the code span", () => {
    expect(judgeRadarCommand({ kind: "unknown-ring", given: "a`b" }, null, radar)).toEqual({ kind: "reply", problem: "``a`b`` is not a ring of this radar." });
  });
});
