import { deletePrComment, listPrComments, savePrComment } from "../../src/db/pr-comments.js";
import { useTestDatabase } from "../helpers/test-database.js";

describe("pr comments", () => {
  const db = useTestDatabase();

  it("lists nothing before a comment is saved, then the saved one", async () => {
    expect(await listPrComments(db.pool, 4_300_000_001, 12)).toEqual([]);
    const saved = await savePrComment(db.pool, 4_300_000_001, 12, "kaizen:pr", 2_500_000_001);
    expect(saved).toEqual({
      repoId: 4_300_000_001,
      prNumber: 12,
      marker: "kaizen:pr",
      commentId: 2_500_000_001,
      updatedAt: expect.any(Date),
    });
    expect(await listPrComments(db.pool, 4_300_000_001, 12)).toEqual([saved]);
  });

  it("re-points the marker to a new comment instead of adding a second row", async () => {
    await savePrComment(db.pool, 4_300_000_002, 3, "kaizen:pr", 100);
    await savePrComment(db.pool, 4_300_000_002, 3, "kaizen:pr", 101);
    expect(await listPrComments(db.pool, 4_300_000_002, 3)).toEqual([expect.objectContaining({ commentId: 101 })]);
  });

  it("lists every marker of the pull request, oldest comment first, and only that pull request's", async () => {
    await savePrComment(db.pool, 4_300_000_003, 3, "kaizen:pr", 900);
    await savePrComment(db.pool, 4_300_000_003, 3, "kaizen:deployment:staging", 500);
    await savePrComment(db.pool, 4_300_000_003, 4, "kaizen:pr", 501);
    await savePrComment(db.pool, 4_300_000_004, 3, "kaizen:pr", 502);
    const listed = await listPrComments(db.pool, 4_300_000_003, 3);
    expect(listed.map((c) => [c.marker, c.commentId])).toEqual([
      ["kaizen:deployment:staging", 500],
      ["kaizen:pr", 900],
    ]);
  });

  it("forgets one marker's comment and keeps the others", async () => {
    await savePrComment(db.pool, 4_300_000_005, 3, "kaizen:deployment:staging", 600);
    await savePrComment(db.pool, 4_300_000_005, 3, "kaizen:pr", 601);
    await deletePrComment(db.pool, 4_300_000_005, 3, "kaizen:deployment:staging");
    expect((await listPrComments(db.pool, 4_300_000_005, 3)).map((c) => c.marker)).toEqual(["kaizen:pr"]);
  });
});
