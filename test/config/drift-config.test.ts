import { validateConfig } from "../../src/config/validate-config.js";

const oneSource = { sourceNames: ["prometheus"] };

describe("drift config", () => {
  it("is on by default, looks back 14 days and leaves the threshold to each metric", () => {
    const result = validateConfig({}, oneSource);
    expect(result.ok && result.config.drift).toEqual({ enabled: true, window: 14 * 86_400_000 });
  });

  it("reads a window and a threshold of its own", () => {
    const result = validateConfig({ drift: { enabled: false, window: "30d", threshold: "15%" } }, oneSource);
    expect(result.ok && result.config.drift).toEqual({ enabled: false, window: 30 * 86_400_000, threshold: { kind: "relative", value: 0.15 } });
  });

  it.each([
    ["a window that is not a duration", { window: "two weeks" }, "drift.window", /not a duration/, /30s/],
    ["a threshold that is not one", { threshold: "lots" }, "drift.threshold", /not a threshold/, /10%/],
    ["an unknown key", { windw: "7d" }, "drift", /windw/, /window/],
  ])("reports %s with its path and fix", (_case, drift, path, message, fix) => {
    const result = validateConfig({ drift }, oneSource);
    if (result.ok) throw new Error("expected problems");
    expect(result.problems).toEqual([expect.objectContaining({ path: expect.stringContaining(path), message: expect.stringMatching(message), fix: expect.stringMatching(fix) })]);
  });
});
