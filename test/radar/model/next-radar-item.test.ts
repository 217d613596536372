import { KaizenConfig } from "../../../src/config/schema/kaizen-config.js";
import type { RadarItem } from "../../../src/radar/model/radar-item.js";
import { isAnnouncedMove, nextRadarItem } from "../../../src/radar/model/next-radar-item.js";
import type { RadarIssueEvent } from "../../../src/radar/radar-issue-event.js";

const radar = KaizenConfig.parse({ radar: {} }).radar!;
const T0 = "2026-11-02T09:00:00Z";
const T1 = "2026-11-02T10:00:00Z";

function event(overrides: Partial<RadarIssueEvent> & { labels?: string[]; state?: "open" | "closed" } = {}): RadarIssueEvent {
  const { labels = ["radar", "ring:assess", "quadrant:tools"], state = "open", ...rest } = overrides;
  return {
    deliveryId: "d1",
    action: "edited",
    installationId: 2,
    repoId: 1,
    owner: "o",
    repo: "r",
    issue: { number: 5, title: "Bun", body: "", url: "https://github.com/o/r/issues/5", state, labels, thumbsUp: 2 },
    label: null,
    sender: { login: "alice", isBot: false },
    at: T1,
    ...rest,
  };
}

const stored: RadarItem = {
  id: 9, repoId: 1, owner: "o", repo: "r", installationId: 2, issueNumber: 5, kind: "radar", title: "Bun", body: "",
  url: "https://github.com/o/r/issues/5", ring: "assess", quadrant: "tools", trend: null, impact: null, status: "active",
  thumbsUp: 0, problem: null, announcedProblem: null, syncedAt: new Date(T0), lastReviewedAt: null,
  createdAt: new Date(T0), updatedAt: new Date(T0),
};

describe("nextRadarItem", () => {
  it("ignores an issue that never had the radar label", () => {
    expect(nextRadarItem(radar, event({ labels: ["bug"] }), null)).toBeNull();
  });

  it("takes an item off the radar when its radar label is removed, keeping its placement", () => {
    const update = nextRadarItem(radar, event({ action: "unlabeled", label: "radar", labels: ["ring:assess"] }), stored);
    expect(update?.item).toMatchObject({ status: "gone", ring: "assess" });
    expect(update?.changes).toEqual([{ field: "status", from: "active", to: "gone", source: "label" }]);
  });

  it("skips an event older than the state stored (webhooks can arrive out of order)", () => {
    expect(nextRadarItem(radar, event({ at: "2026-11-02T08:00:00Z", labels: ["radar", "ring:hold", "quadrant:tools"] }), stored)).toBeNull();
  });

  it("still applies a delete that arrives late", () => {
    expect(nextRadarItem(radar, event({ action: "deleted", at: "2026-11-02T08:00:00Z" }), stored)?.item.status).toBe("gone");
  });

  it("ignores the unlabeled event of a ring label a bot removed", () => {
    const bot = { login: "kaizen[bot]", isBot: true };
    expect(nextRadarItem(radar, event({ action: "unlabeled", label: "ring:assess", sender: bot }), stored)).toBeNull();
  });

  it("treats a person removing the ring label as a problem, keeping the ring", () => {
    const update = nextRadarItem(radar, event({ action: "unlabeled", label: "ring:assess", labels: ["radar", "quadrant:tools"] }), stored);
    expect(update?.item).toMatchObject({ ring: "assess", status: "active", problem: expect.stringContaining("no ring label") });
    expect(update?.changes).toEqual([]);
  });

  it("keeps a closed issue that was never valid pending, without a problem to explain", () => {
    const update = nextRadarItem(radar, event({ action: "closed", state: "closed", labels: ["radar"] }), null);
    expect(update?.item).toMatchObject({ status: "pending", problem: null });
  });

  it("records a move as the ring change alone, and removes nothing when the move leaves the labels invalid", () => {
    const labels = ["radar", "ring:assess", "quadrant:tools", "ring:trial"];
    const move = nextRadarItem(radar, event({ action: "labeled", label: "ring:trial", labels }), stored);
    expect(move?.changes).toEqual([{ field: "ring", from: "assess", to: "trial", source: "label" }]);
    expect(move?.removeLabels).toEqual(["ring:assess"]);
    const noQuadrant = nextRadarItem(radar, event({ action: "labeled", label: "ring:trial", labels: ["radar", "ring:assess", "ring:trial"] }), stored);
    expect(noQuadrant).toMatchObject({ changes: [], removeLabels: [], item: { ring: "assess" } });
  });
});

describe("isAnnouncedMove", () => {
  it.each([
    [{ field: "ring", from: "assess", to: "trial" }, true],
    [{ field: "quadrant", from: "tools", to: "platforms" }, true],
    [{ field: "ring", from: null, to: "assess" }, false],
    [{ field: "status", from: "active", to: "retired" }, false],
  ] as const)("%j → %s", (change, announced) => {
    expect(isAnnouncedMove(change)).toBe(announced);
  });
});
