import { listPrCommentSections, savePrCommentSection } from "../../src/db/pr-comment-sections.js";
import { useTestDatabase } from "../helpers/test-database.js";

describe("pr comment sections", () => {
  const db = useTestDatabase();

  it("stores a section and lists it back", async () => {
    expect(await listPrCommentSections(db.pool, 4_300_000_001, 12)).toEqual([]);
    const saved = await savePrCommentSection(db.pool, {
      repoId: 4_300_000_001,
      prNumber: 12,
      key: "benchmarks",
      body: "### Benchmarks",
    });
    expect(saved).toEqual({
      repoId: 4_300_000_001,
      prNumber: 12,
      key: "benchmarks",
      body: "### Benchmarks",
      updatedAt: expect.any(Date),
    });
    expect(await listPrCommentSections(db.pool, 4_300_000_001, 12)).toEqual([saved]);
  });

  it("replaces a section of the same key and keeps the others", async () => {
    const pr = { repoId: 4_300_000_002, prNumber: 3 };
    await savePrCommentSection(db.pool, { ...pr, key: "deployment:staging", body: "old" });
    await savePrCommentSection(db.pool, { ...pr, key: "benchmarks", body: "bench" });
    await savePrCommentSection(db.pool, { ...pr, key: "deployment:staging", body: "new" });
    const sections = await listPrCommentSections(db.pool, pr.repoId, pr.prNumber);
    expect(sections.map((s) => [s.key, s.body])).toEqual([
      ["benchmarks", "bench"],
      ["deployment:staging", "new"],
    ]);
  });

  it("keeps each pull request's sections apart", async () => {
    await savePrCommentSection(db.pool, { repoId: 4_300_000_003, prNumber: 3, key: "benchmarks", body: "a" });
    await savePrCommentSection(db.pool, { repoId: 4_300_000_003, prNumber: 4, key: "benchmarks", body: "b" });
    await savePrCommentSection(db.pool, { repoId: 4_300_000_004, prNumber: 3, key: "benchmarks", body: "c" });
    expect((await listPrCommentSections(db.pool, 4_300_000_003, 3)).map((s) => s.body)).toEqual(["a"]);
  });
});
