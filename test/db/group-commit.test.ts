import { groupCommit } from "../../src/db/group-commit.js";

/** A stand-in database handle that records the batches written through it. */
function recorder(fail: (item: number) => boolean = () => false) {
  const batches: number[][] = [];
  const db = {};
  const write = groupCommit<object, number, number>(
    async (_db, items) => {
      batches.push([...items]);
      await new Promise((resolve) => setTimeout(resolve, 5));
      if (items.some(fail)) throw new Error(`bad item among ${items.join(",")}`);
      return items.map((item) => item * 10);
    },
    { keyOf: (item) => String(item % 100), maxBatch: 4 },
  );
  return { batches, db, write };
}

describe("groupCommit", () => {
  it("writes items arriving together in shared statements, each caller getting its own result", async () => {
    const { batches, db, write } = recorder();
    const results = await Promise.all([1, 2, 3, 4, 5, 6].map((item) => write(db, item)));
    expect(results).toEqual([10, 20, 30, 40, 50, 60]);
    // At most maxBatch per statement, and fewer statements than items.
    expect(batches.flat().sort()).toEqual([1, 2, 3, 4, 5, 6]);
    expect(batches.every((batch) => batch.length <= 4)).toBe(true);
    expect(batches.length).toBeLessThan(6);
  });

  it("keeps items of one key in separate statements, in the order they came", async () => {
    const { batches, db, write } = recorder();
    await Promise.all([7, 107, 8, 207].map((item) => write(db, item)));
    for (const batch of batches) expect(new Set(batch.map((item) => item % 100)).size).toBe(batch.length);
    const order = batches.flat().filter((item) => item % 100 === 7);
    expect(order).toEqual([7, 107, 207]);
  });

  it("fails only the caller whose item breaks the statement; the others are written again alone", async () => {
    const { db, write } = recorder((item) => item === 3);
    const settled = await Promise.allSettled([1, 2, 3, 4].map((item) => write(db, item)));
    expect(settled.map((s) => s.status)).toEqual(["fulfilled", "fulfilled", "rejected", "fulfilled"]);
    expect(settled.flatMap((s) => (s.status === "fulfilled" ? [s.value] : []))).toEqual([10, 20, 40]);
  });

  it("gives each database handle its own statements", async () => {
    const { batches, write } = recorder();
    const [a, b] = [{}, {}];
    await Promise.all([write(a, 1), write(b, 2)]);
    expect(batches.sort()).toEqual([[1], [2]]);
  });
});
