import { buildRadarReview } from "../../../src/radar/model/build-radar-review.js";
import { renderRadarTemplate } from "../../../src/radar/templates.js";
import { radarSnapshotFixture } from "../radar-snapshot-fixture.js";

const DAY_MS = 86_400_000;
const options = {
  marker: "<!-- kaizen:radar-review:2026-10-05T09%3A00%3A00.000Z -->",
  now: new Date("2026-10-05T09:00:00Z"),
  proposalRing: "assess",
  staleAfterMs: 180 * DAY_MS,
};

describe("radar review", () => {
  const snapshot = radarSnapshotFixture();
  snapshot.items.push({ ...snapshot.items[1]!, number: 7, title: "Deno", url: "https://github.com/octo-org/shop/issues/7", ring: "assess", thumbsUp: 1 });

  it("ranks proposals by the 👍 read from GitHub, falling back to the stored count", () => {
    const review = buildRadarReview(snapshot, { ...options, thumbsUp: new Map([[7, 12]]) });
    expect(review.proposals.map((p) => [p.title, p.thumbsUp])).toEqual([
      ["Deno", 12],
      ["Bun", 7],
    ]);
  });

  it("lists as stale the active items that have not moved for stale_after, oldest first", () => {
    const review = buildRadarReview(snapshot, { ...options, thumbsUp: new Map() });
    expect(review.stale.map((s) => [s.title, s.days])).toEqual([
      ["Kubernetes", 267],
      ["Deno", 267],
    ]);
  });

  it("lists only the movements since the previous review", () => {
    const review = buildRadarReview(snapshot, { ...options, thumbsUp: new Map() });
    expect(review.movements.map((m) => [m.title, m.change, m.reason])).toEqual([
      ["TypeScript", "Ring: Trial → Adopt", "every service uses it"],
      ["Jenkins", "Ring: Trial → Hold", "GitHub Actions replaced it"],
    ]);
  });

  it("shows the experiments that mention a moved item or a proposal", () => {
    const review = buildRadarReview(snapshot, { ...options, thumbsUp: new Map() });
    expect(review.movements.map((m) => [m.title, m.experiments.map((e) => [e.number, e.state])])).toEqual([
      ["TypeScript", [[50, "confirmed"]]],
      ["Jenkins", []],
    ]);
    expect(review.proposals.find((p) => p.title === "Bun")!.experiments.map((e) => e.number)).toEqual([51, 52]);
    const body = renderRadarTemplate("radar-review", review);
    expect(body).toContain("[Strict mode cuts &lt;errors>](https://github.com/octo-org/shop/issues/50) (#50, confirmed) |");
    expect(body).toContain("[Bun halves cold starts](https://github.com/octo-org/shop/issues/51) (#51, pending); [Bun install](https://github.com/octo-org/shop/issues/52) (#52, refuted) |");
  });

  it("links the radar's dashboard page when Kaizen has a public URL, and nothing without one", () => {
    const page = "https://kaizen.example.com/octo-org/shop/radar";
    const linked = renderRadarTemplate("radar-review", buildRadarReview(snapshot, { ...options, thumbsUp: new Map(), dashboard: page }));
    expect(linked).toContain(`The radar drawn, with every item's history: [Kaizen's dashboard](${page}).`);
    expect(renderRadarTemplate("radar-review", buildRadarReview(snapshot, { ...options, thumbsUp: new Map() }))).not.toContain("dashboard");
  });

  it("renders the issue body", () => {
    const body = renderRadarTemplate("radar-review", buildRadarReview(snapshot, { ...options, thumbsUp: new Map([[7, 12]]) }));
    expect(body).toMatchSnapshot();
  });

  it("renders a first review of an empty radar", () => {
    const empty = { ...snapshot, lastReview: null, items: [], trends: [] };
    const body = renderRadarTemplate("radar-review", buildRadarReview(empty, { ...options, thumbsUp: new Map() }));
    expect(body).toContain("This is the first review.");
    expect(body).toContain("No item moved.");
    expect(body).toContain("No open market-trend issues.");
  });
});
