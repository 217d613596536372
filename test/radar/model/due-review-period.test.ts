import { dueReviewPeriod } from "../../../src/radar/model/due-review-period.js";

const QUARTERLY = "0 9 * 1,4,7,10 1#1"; // 09:00 UTC on the first Monday of each quarter
const started = new Date("2026-01-01T00:00:00Z");

describe("dueReviewPeriod", () => {
  it.each([
    ["2026-10-05T09:00:00Z", "2026-10-05T09:00:00.000Z"], // at the occurrence itself
    ["2026-10-05T08:59:59Z", "2026-07-06T09:00:00.000Z"], // a second before: still the previous quarter's
    ["2026-11-25T21:00:00Z", "2026-10-05T09:00:00.000Z"],
    ["2027-01-04T09:30:00Z", "2027-01-04T09:00:00.000Z"],
  ])("at %s is the period of %s", (now, period) => {
    expect(dueReviewPeriod(QUARTERLY, started, new Date(now))).toBe(period);
  });

  it("is null for a radar that started after the latest occurrence", () => {
    expect(dueReviewPeriod(QUARTERLY, new Date("2026-10-06T00:00:00Z"), new Date("2026-11-01T00:00:00Z"))).toBeNull();
  });
});
