import { formatDuration, parseDuration } from "../../src/config/parse-duration.js";

describe("parseDuration", () => {
  it.each([
    ["250ms", 250],
    ["30s", 30_000],
    ["10m", 600_000],
    ["2h", 7_200_000],
    ["1d", 86_400_000],
    ["1h30m", 5_400_000],
    ["1m30s500ms", 90_500],
    ["1.5h", 5_400_000],
    [" 1h 30m ", 5_400_000],
    ["0s", 0],
  ])("reads %j as %d ms", (text, ms) => {
    expect(parseDuration(text)).toBe(ms);
  });

  it.each(["", "10", "10 minutes", "m", "1x", "-5m", "1h-30m", "10M"])("rejects %j", (text) => {
    expect(parseDuration(text)).toBeNull();
  });
});

describe("formatDuration", () => {
  it.each([
    [0, "0ms"],
    [500, "500ms"],
    [30_000, "30s"],
    [5_400_000, "1h30m"],
    [90_500, "1m30s500ms"],
    [86_400_000, "1d"],
  ])("writes %d ms as %j, which parseDuration reads back", (ms, text) => {
    expect(formatDuration(ms)).toBe(text);
    expect(parseDuration(text)).toBe(ms);
  });
});
