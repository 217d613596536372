import { findPrComment, savePrComment } from "../../../src/db/pr-comments.js";
import { createTestDatabase, type TestDatabase } from "../../helpers/test-database.js";

describe("pr comments", () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(() => db.drop());

  it("finds nothing before a comment is saved, then the saved one", async () => {
    expect(await findPrComment(db.pool, 4_300_000_001, 12, "kaizen:production")).toBeNull();
    const saved = await savePrComment(db.pool, 4_300_000_001, 12, "kaizen:production", 2_500_000_001);
    expect(saved).toEqual({
      repoId: 4_300_000_001,
      prNumber: 12,
      marker: "kaizen:production",
      commentId: 2_500_000_001,
      updatedAt: expect.any(Date),
    });
    expect(await findPrComment(db.pool, 4_300_000_001, 12, "kaizen:production")).toEqual(saved);
  });

  it("re-points the marker to a new comment instead of adding a second row", async () => {
    await savePrComment(db.pool, 4_300_000_002, 3, "kaizen:production", 100);
    await savePrComment(db.pool, 4_300_000_002, 3, "kaizen:production", 101);
    expect(await findPrComment(db.pool, 4_300_000_002, 3, "kaizen:production")).toMatchObject({ commentId: 101 });
    const { rows } = await db.pool.query("select count(*)::int as n from pr_comments where repo_id = 4300000002");
    expect(rows[0]).toEqual({ n: 1 });
  });

  it.each([
    [4_300_000_003, 3, "kaizen:staging"],
    [4_300_000_003, 4, "kaizen:production"],
    [4_300_000_004, 3, "kaizen:production"],
  ])("keeps a separate comment per repo, pull request and marker (%i #%i %s)", async (repoId, prNumber, marker) => {
    await savePrComment(db.pool, 4_300_000_003, 3, "kaizen:production", 500);
    expect(await findPrComment(db.pool, repoId, prNumber, marker)).toBeNull();
  });
});
