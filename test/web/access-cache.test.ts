import { createAccessCache } from "../../src/web/access-cache.js";

describe("createAccessCache", () => {
  function setup(answer: (token: string) => { id: number } | null | Error) {
    let now = 0;
    const calls: string[] = [];
    const cache = createAccessCache(
      async (token, target) => {
        calls.push(`${token} ${target.owner}/${target.repo}`);
        const result = answer(token);
        if (result instanceof Error) throw result;
        return result;
      },
      { now: () => now, ttlMs: 300_000 },
    );
    return { cache, calls, advance: (ms: number) => void (now += ms) };
  }
  const shop = { owner: "octo-org", repo: "shop" };

  it("asks GitHub once per user and repository within 5 minutes, for yes and no alike", async () => {
    const { cache, calls } = setup((token) => (token === "yes" ? { id: 1 } : null));
    expect(await cache.find("yes", shop)).toEqual({ id: 1 });
    expect(await cache.find("yes", { owner: "Octo-Org", repo: "SHOP" })).toEqual({ id: 1 });
    expect(await cache.find("no", shop)).toBeNull();
    expect(await cache.find("no", shop)).toBeNull();
    expect(calls).toEqual(["yes octo-org/shop", "no octo-org/shop"]);
  });

  it("asks again once the answer is 5 minutes old (revoked access ends within that time)", async () => {
    let granted = true;
    const { cache, calls, advance } = setup(() => (granted ? { id: 1 } : null));
    await cache.find("t", shop);
    granted = false;
    advance(299_999);
    expect(await cache.find("t", shop)).toEqual({ id: 1 });
    advance(1);
    expect(await cache.find("t", shop)).toBeNull();
    expect(calls).toHaveLength(2);
  });

  it("never keeps an answer longer than 5 minutes, whatever it is told", async () => {
    let now = 0;
    let calls = 0;
    const cache = createAccessCache(async () => (calls++, { id: 1 }), { now: () => now, ttlMs: 3_600_000 });
    await cache.find("t", shop);
    now = 300_000;
    await cache.find("t", shop);
    expect(calls).toBe(2);
  });

  it("does not keep GitHub's failures", async () => {
    let fail = true;
    const { cache, calls } = setup(() => (fail ? new Error("GitHub answered 502") : { id: 1 }));
    await expect(cache.find("t", shop)).rejects.toThrow("502");
    fail = false;
    expect(await cache.find("t", shop)).toEqual({ id: 1 });
    expect(calls).toHaveLength(2);
  });

  it("forgets a token's answers at sign-out", async () => {
    const { cache, calls } = setup(() => ({ id: 1 }));
    await cache.find("t", shop);
    cache.forget("t");
    await cache.find("t", shop);
    expect(calls).toHaveLength(2);
  });
});
