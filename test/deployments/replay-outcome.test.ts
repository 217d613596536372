import { replayOutcome } from "../../src/deployments/replay-evaluations.js";

describe("replayOutcome", () => {
  it.each([
    ["regression", "no-change", "false-alarm", "false alarm fixed"],
    ["regression", "regression", "false-alarm", "false alarm kept"],
    ["no-change", "regression", "missed", "missed caught"],
    ["inconclusive", "no-change", "missed", "missed still"],
    ["regression", "inconclusive", null, "alert lost"],
    ["improvement", "regression", null, "new alert"],
    ["improvement", "no-change", null, "changed"],
    ["regression", "regression", null, "same"],
  ] as const)("%s → %s, marked %s: %s", (stored, replayed, mark, outcome) => {
    expect(replayOutcome(stored, replayed, mark)).toBe(outcome);
  });
});
