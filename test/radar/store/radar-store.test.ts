import { hasRadarDelivery, recordRadarDelivery } from "../../../src/radar/store/radar-deliveries.js";
import { getRadarItem, listRadarItems, listRadarRepos, markRadarItemsReviewed, setRadarItemAnnouncedProblem, setRadarItemThumbsUp, upsertRadarItem } from "../../../src/radar/store/radar-items.js";
import { type NewRadarItem } from "../../../src/radar/model/radar-item.js";
import { listRadarMovementsByItem, listRadarMovementsSince, recordRadarMovement, setRadarMovementAnnounced } from "../../../src/radar/store/radar-movements.js";
import { type NewRadarMovement } from "../../../src/radar/model/radar-item.js";
import { getLatestRadarReview, getRadarReviewForPeriod, recordRadarReview } from "../../../src/radar/store/radar-reviews.js";
import { listRadarTrendLinks, replaceRadarTrendLinks } from "../../../src/radar/store/radar-trend-links.js";
import { newRadarItem } from "../../helpers/new-radar-item.js";
import { useTestDatabase } from "../../helpers/test-database.js";

const item = (repoId: number, issueNumber: number, overrides: Partial<NewRadarItem> = {}): NewRadarItem =>
  newRadarItem(
    { repoId, owner: "octo", repo: `repo-${repoId}`, installationId: 7, issueNumber, url: `https://github.com/octo/repo-${repoId}/issues/${issueNumber}` },
    { ring: "assess", quadrant: "tools", ...overrides },
  );

const movement = (itemId: number, key: string, movedAt: string, overrides: Partial<NewRadarMovement> = {}): NewRadarMovement => ({
  itemId,
  field: "ring",
  from: "assess",
  to: "trial",
  actor: "octocat",
  reason: null,
  source: "label",
  link: null,
  movedAt: new Date(movedAt),
  idempotencyKey: key,
  ...overrides,
});

describe("radar tables", () => {
  const db = useTestDatabase();

  it("upserts an item by repository and issue number, overwriting its fields", async () => {
    expect(await getRadarItem(db.pool, 101, 1)).toBeNull();
    const first = await upsertRadarItem(db.pool, item(101, 1, { status: "pending", ring: null }));
    expect(first).toMatchObject({ id: expect.any(Number), status: "pending", ring: null, lastReviewedAt: null });
    const second = await upsertRadarItem(db.pool, item(101, 1, { title: "Renamed", problem: "p" }));
    expect(second).toMatchObject({ id: first.id, title: "Renamed", status: "active", ring: "assess", problem: "p" });
    await setRadarItemAnnouncedProblem(db.pool, first.id, "p");
    await setRadarItemThumbsUp(db.pool, first.id, 5);
    expect(await getRadarItem(db.pool, 101, 1)).toMatchObject({ announcedProblem: "p", thumbsUp: 5 });
  });

  it("keeps the time of the last event applied when a writer without one (an import) upserts", async () => {
    const at = new Date("2026-11-02T09:00:00Z");
    expect(await upsertRadarItem(db.pool, item(108, 1, { syncedAt: at }))).toMatchObject({ syncedAt: at });
    expect(await upsertRadarItem(db.pool, item(108, 1, { title: "Imported" }))).toMatchObject({ syncedAt: at, title: "Imported" });
  });

  it("lists items by kind and repository, and the repositories that have a radar", async () => {
    await upsertRadarItem(db.pool, item(102, 2));
    await upsertRadarItem(db.pool, item(102, 1));
    await upsertRadarItem(db.pool, item(102, 3, { kind: "trend", ring: null, quadrant: null, trend: "rising" }));
    await upsertRadarItem(db.pool, item(103, 1, { kind: "trend" }));
    expect((await listRadarItems(db.pool, 102, "radar")).map((i) => i.issueNumber)).toEqual([1, 2]);
    expect((await listRadarItems(db.pool, 102, "trend")).map((i) => i.issueNumber)).toEqual([3]);
    const repos = await listRadarRepos(db.pool);
    expect(repos).toContainEqual({ repoId: 102, owner: "octo", repo: "repo-102", installationId: 7 });
    expect(repos.map((r) => r.repoId)).not.toContain(103);
  });

  it("marks the items still on the radar as reviewed", async () => {
    const active = await upsertRadarItem(db.pool, item(104, 1));
    const retired = await upsertRadarItem(db.pool, item(104, 2, { status: "retired" }));
    const at = new Date("2026-01-05T09:00:00Z");
    await markRadarItemsReviewed(db.pool, 104, at);
    expect((await getRadarItem(db.pool, 104, active.issueNumber))?.lastReviewedAt).toEqual(at);
    expect((await getRadarItem(db.pool, 104, retired.issueNumber))?.lastReviewedAt).toBeNull();
  });

  it("records a movement once per idempotency key and lists history by item and since a time", async () => {
    const { id } = await upsertRadarItem(db.pool, item(105, 9));
    const first = await recordRadarMovement(db.pool, movement(id, "d1:ring", "2026-02-01T00:00:00Z"));
    const again = await recordRadarMovement(db.pool, movement(id, "d1:ring", "2026-02-01T00:00:00Z", { to: "hold" }));
    expect(again).toEqual(first);
    expect(first).toMatchObject({ from: "assess", to: "trial", announcementCommentId: null });
    await setRadarMovementAnnounced(db.pool, first.id, 555);
    const later = await recordRadarMovement(db.pool, movement(id, "d2:status", "2026-03-01T00:00:00Z", { field: "status", from: "active", to: "retired", source: "close" }));
    expect(await listRadarMovementsByItem(db.pool, id)).toEqual([{ ...first, announcementCommentId: 555 }, later]);
    expect(await listRadarMovementsSince(db.pool, 105, new Date("2026-02-15T00:00:00Z"))).toEqual([{ ...later, issueNumber: 9 }]);
    expect(await listRadarMovementsSince(db.pool, 105, null)).toHaveLength(2);
  });

  it("replaces a trend's links with the numbers its body mentions now", async () => {
    const trend = await upsertRadarItem(db.pool, item(106, 10, { kind: "trend" }));
    await replaceRadarTrendLinks(db.pool, trend.id, 106, [1, 2]);
    await replaceRadarTrendLinks(db.pool, trend.id, 106, [2, 3]);
    expect(await listRadarTrendLinks(db.pool, 106)).toEqual([
      { trendIssueNumber: 10, radarIssueNumber: 2 },
      { trendIssueNumber: 10, radarIssueNumber: 3 },
    ]);
    await replaceRadarTrendLinks(db.pool, trend.id, 106, []);
    expect(await listRadarTrendLinks(db.pool, 106)).toEqual([]);
  });

  it("keeps one review per period and finds the latest", async () => {
    expect(await getLatestRadarReview(db.pool, 107)).toBeNull();
    const q1 = await recordRadarReview(db.pool, { repoId: 107, issueNumber: 20, url: "u20", period: "2026-Q1", previousReviewId: null });
    expect(await recordRadarReview(db.pool, { repoId: 107, issueNumber: 21, url: "u21", period: "2026-Q1", previousReviewId: null })).toEqual(q1);
    expect(await getRadarReviewForPeriod(db.pool, 107, "2026-Q1")).toEqual(q1);
    const onDemand = await recordRadarReview(db.pool, { repoId: 107, issueNumber: 22, url: "u22", period: null, previousReviewId: q1.id });
    expect(await getLatestRadarReview(db.pool, 107)).toEqual(onDemand);
  });

  it("remembers deliveries", async () => {
    expect(await hasRadarDelivery(db.pool, "delivery-1")).toBe(false);
    await recordRadarDelivery(db.pool, "delivery-1");
    await recordRadarDelivery(db.pool, "delivery-1");
    expect(await hasRadarDelivery(db.pool, "delivery-1")).toBe(true);
  });
});
