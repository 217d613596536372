import { isCallbackUrl } from "../../../src/gate/model/check-callback-url.js";
import { judgeGate, type GateEvaluation, type GateVerdict } from "../../../src/gate/model/judge-gate.js";
import { nextGateLook } from "../../../src/gate/model/next-gate-look.js";

const repo = { owner: "octo-org", repo: "shop" };
const reported: GateEvaluation = { state: "reported", note: null };
const v = (verdict: GateVerdict["verdict"], confirmation: GateVerdict["confirmation"] = null): GateVerdict => ({ metricName: "p95 latency", verdict, confirmation });

describe("isCallbackUrl", () => {
  it.each([
    ["https://api.github.com/repos/octo-org/shop/actions/runs/1/deployment_protection_rule", "https://api.github.com", true],
    ["https://ghe.example.com/api/v3/repos/Octo-Org/Shop/actions/runs/9/deployment_protection_rule", "https://ghe.example.com/api/v3", true],
    ["https://evil.example/repos/octo-org/shop/actions/runs/1/deployment_protection_rule", "https://api.github.com", false],
    ["https://api.github.com.evil.example/repos/octo-org/shop/actions/runs/1/deployment_protection_rule", "https://api.github.com", false],
    ["https://api.github.com/repos/octo-org/other/actions/runs/1/deployment_protection_rule", "https://api.github.com", false],
    ["https://api.github.com/repos/octo-org/shop/issues/1", "https://api.github.com", false],
    ["https://user:pw@api.github.com/repos/octo-org/shop/actions/runs/1/deployment_protection_rule", "https://api.github.com", false],
    ["not a url", "https://api.github.com", false],
  ])("%s on %s → %s", (url, base, expected) => {
    expect(isCallbackUrl(url, base, repo)).toBe(expected);
  });
});

describe("judgeGate", () => {
  it.each<[string, GateEvaluation | null, GateVerdict[], string]>([
    ["never deployed there", null, [], "pending"],
    ["still scheduled", { state: "scheduled", note: null }, [], "pending"],
    ["failed", { state: "failed", note: "boom" }, [], "reject"],
    ["no regression", reported, [v("no-change"), v("improvement")], "approve"],
    ["a regression without confirmation", reported, [v("regression")], "reject"],
    ["a confirmed regression", reported, [v("regression", "confirmed")], "reject"],
    ["a regression waiting for confirmation", reported, [v("regression", "pending")], "pending"],
    ["a regression not confirmed", reported, [v("regression", "not-confirmed")], "approve"],
  ])("%s → %s", (_case, evaluation, verdicts, kind) => {
    expect(judgeGate(evaluation, verdicts, "staging").kind).toBe(kind);
  });
});

describe("nextGateLook", () => {
  const now = new Date("2026-03-01T12:00:00Z");
  it("polls a tenth of the wait, bounded, never past the deadline, and stops at it", () => {
    expect(nextGateLook(now, new Date(now.getTime() + 2_700_000), 2_700_000)).toEqual(new Date(now.getTime() + 60_000));
    expect(nextGateLook(now, new Date(now.getTime() + 20_000), 20_000)).toEqual(new Date(now.getTime() + 2_000));
    expect(nextGateLook(now, new Date(now.getTime() + 500), 2_000)).toEqual(new Date(now.getTime() + 500));
    expect(nextGateLook(now, now, 2_000)).toBeNull();
  });
});
