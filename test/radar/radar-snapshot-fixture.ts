import type { RadarSnapshot, RadarSnapshotItem } from "../../src/radar/model/radar-snapshot.js";

const RINGS = ["adopt", "trial", "assess", "hold"];
const QUADRANTS = ["techniques", "tools", "platforms", "languages-and-frameworks"];
const url = (n: number) => `https://github.com/octo-org/shop/issues/${n}`;
const at = (iso: string) => new Date(iso);

function item(partial: Partial<RadarSnapshotItem> & Pick<RadarSnapshotItem, "number" | "title">): RadarSnapshotItem {
  return {
    description: "",
    url: url(partial.number),
    ring: null,
    quadrant: null,
    status: "active",
    thumbsUp: 0,
    createdAt: at("2026-01-10T10:00:00Z"),
    lastReviewedAt: null,
    movements: [],
    trends: [],
    experiments: [],
    ...partial,
  };
}

/**
 * A radar reviewed on 2026-07-06: TypeScript moved Trial → Adopt after it, Kubernetes stayed, Jenkins moved out
 * to Hold, Bun came onto the radar after the review, Grunt is retired, one item is still pending. Experiment #50
 * (confirmed) mentions TypeScript; #51 (pending) and #52 (refuted) mention Bun.
 */
export function radarSnapshotFixture(): RadarSnapshot {
  return {
    repo: { owner: "octo-org", repo: "shop" },
    rings: RINGS,
    quadrants: QUADRANTS,
    lastReview: { number: 40, url: url(40), createdAt: at("2026-07-06T09:00:00Z") },
    items: [
      item({
        number: 1,
        title: "TypeScript",
        description: "Typed JavaScript, \"strict\" mode, everywhere",
        ring: "adopt",
        quadrant: "languages-and-frameworks",
        thumbsUp: 4,
        movements: [
          { field: "ring", from: null, to: "trial", actor: "octocat", reason: null, movedAt: at("2026-01-10T10:00:00Z") },
          { field: "ring", from: "trial", to: "adopt", actor: "hubot", reason: "every service uses it", movedAt: at("2026-08-01T12:00:00Z") },
        ],
        trends: [9],
        experiments: [{ number: 50, title: "Strict mode cuts <errors>", url: url(50), state: "confirmed" }],
      }),
      item({ number: 2, title: "Kubernetes", ring: "trial", quadrant: "platforms", description: "Runs, our, containers" }),
      item({
        number: 3,
        title: "Jenkins",
        ring: "hold",
        quadrant: "tools",
        movements: [{ field: "ring", from: "trial", to: "hold", actor: "octocat", reason: "GitHub Actions replaced it", movedAt: at("2026-09-01T08:00:00Z") }],
      }),
      item({ number: 4, title: "Bun", ring: "assess", quadrant: "platforms", thumbsUp: 7, createdAt: at("2026-09-15T08:00:00Z"), trends: [9],
        experiments: [
          { number: 51, title: "Bun halves cold starts", url: url(51), state: "pending" },
          { number: 52, title: "Bun install", url: url(52), state: "refuted" },
        ] }),
      item({ number: 5, title: "Grunt", ring: "hold", quadrant: "tools", status: "retired" }),
      item({ number: 6, title: "Half-placed", ring: null, quadrant: "tools", status: "pending" }),
    ],
    trends: [
      {
        number: 9,
        title: "Edge runtimes",
        description: "Workloads move to the edge",
        url: url(9),
        trend: "rising",
        impact: "high",
        status: "active",
        createdAt: at("2026-03-01T08:00:00Z"),
        radarItems: [1, 4],
      },
    ],
  };
}
