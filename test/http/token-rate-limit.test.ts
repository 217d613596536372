import { tokenRateLimit } from "../../src/http/token-rate-limit.js";

describe("tokenRateLimit", () => {
  it("lets a burst through, then one request per refill interval, per token", () => {
    let now = 0;
    const limiter = tokenRateLimit({ burst: 3, perMinute: 60 }, () => now);
    expect([limiter.take("a"), limiter.take("a"), limiter.take("a")]).toEqual([0, 0, 0]);
    expect(limiter.take("a")).toBe(1);
    expect(limiter.take("b")).toBe(0);
    now += 1000;
    expect(limiter.take("a")).toBe(0);
    expect(limiter.take("a")).toBe(1);
    now += 60_000;
    expect([limiter.take("a"), limiter.take("a"), limiter.take("a"), limiter.take("a")]).toEqual([0, 0, 0, 1]);
  });

  it("keeps memory bounded however many tokens an attacker invents", () => {
    const limiter = tokenRateLimit({ burst: 1, perMinute: 1 }, () => 0);
    for (let i = 0; i < 50_000; i++) limiter.take(`token-${i}`);
    // The oldest were forgotten (a fresh bucket), the newest still remembered (empty).
    expect(limiter.take("token-0")).toBe(0);
    expect(limiter.take("token-49999")).toBeGreaterThan(0);
  });
});
