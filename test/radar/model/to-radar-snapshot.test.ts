import { toRadarSnapshot } from "../../../src/radar/model/to-radar-snapshot.js";
import type { RadarItem } from "../../../src/radar/model/radar-item.js";

const repo = { owner: "octo-org", repo: "shop" };

function radarItem(issueNumber: number, url: string): RadarItem {
  const at = new Date("2026-01-01T00:00:00Z");
  return {
    id: issueNumber, repoId: 1, owner: repo.owner, repo: repo.repo, installationId: 2, issueNumber, kind: "radar", title: `Item ${issueNumber}`,
    body: "", url, ring: "trial", quadrant: "tools", trend: null, impact: null, status: "active", thumbsUp: 0, problem: null,
    announcedProblem: null, lastReviewedAt: null, syncedAt: null, createdAt: at, updatedAt: at,
  };
}

describe("toRadarSnapshot", () => {
  const rows = (url: string) => ({
    rings: ["adopt", "trial"], quadrants: ["tools"], radarItems: [radarItem(5, url)], trendItems: [], movements: [], links: [], latestReview: null,
    experiments: [
      { mentionedIssue: 5, issueNumber: 70, title: "Faster CI", state: "confirmed" as const },
      { mentionedIssue: 8, issueNumber: 71, title: "Not about item 5", state: "pending" as const },
    ],
  });

  it("links the experiments that mention an item on the item's own GitHub host", () => {
    const snapshot = toRadarSnapshot(repo, rows("https://ghe.example.com/octo-org/shop/issues/5"));
    expect(snapshot.items[0]!.experiments).toEqual([
      { number: 70, title: "Faster CI", url: "https://ghe.example.com/octo-org/shop/issues/70", state: "confirmed" },
    ]);
  });

  it("falls back to github.com when the item's URL is not an issue URL", () => {
    const snapshot = toRadarSnapshot(repo, rows("https://example.com/elsewhere"));
    expect(snapshot.items[0]!.experiments[0]!.url).toBe("https://github.com/octo-org/shop/issues/70");
  });
});
