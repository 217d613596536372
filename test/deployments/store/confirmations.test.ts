import type { MetricVerdict } from "../../../src/analysis/verdict.js";
import {
  failPendingConfirmations,
  listConfirmations,
  markConfirmationsPending,
  settleConfirmation,
} from "../../../src/deployments/store/confirmations.js";
import { saveMetricResults, type MetricResultRow } from "../../../src/deployments/store/metric-results.js";
import { useTestDatabase } from "../../helpers/test-database.js";
import { seedEvaluation } from "../../helpers/seed-evaluation.js";

const WINDOW = { start: new Date("2026-03-01T12:40:00Z"), end: new Date("2026-03-01T13:10:00Z") };

function regressed(metricName: string): MetricResultRow {
  return {
    metricName,
    source: "prometheus",
    query: `${metricName}{env="production"}`,
    unit: "s",
    better: "lower",
    threshold: { kind: "relative", value: 0.1 },
    verdict: "regression",
    reason: "change +50 % beyond threshold 10 %",
    baselineMedian: 0.1,
    baselineN: 120,
    candidateMedian: 0.15,
    candidateN: 120,
    changePct: 50,
    changeAbs: 0.05,
    pValue: 0.0001,
    test: "mann-whitney-u",
    graphUrl: null,
    explanation: null,
  };
}

const later = { verdict: "no-change", candidate: { n: 119, median: 0.101 }, changePct: 1, pValue: 0.4 } as MetricVerdict;

describe("confirmations", () => {
  const db = useTestDatabase();

  async function evaluationWith(...metricNames: string[]): Promise<number> {
    const { evaluation } = await seedEvaluation(db.pool);
    await saveMetricResults(db.pool, evaluation.id, metricNames.map(regressed));
    return evaluation.id;
  }

  it("marks only the named metrics pending, with their window, and lists them in config order", async () => {
    const id = await evaluationWith("p95", "errors", "apdex");
    await markConfirmationsPending(db.pool, id, ["apdex", "p95"], WINDOW);

    const pending = await listConfirmations(db.pool, id, "pending");
    expect(pending.map((row) => row.metricName)).toEqual(["p95", "apdex"]);
    expect(pending[0]).toEqual({
      metricName: "p95",
      state: "pending",
      windowStart: WINDOW.start,
      windowEnd: WINDOW.end,
      verdict: null,
      reason: null,
      median: null,
      n: null,
      changePct: null,
      pValue: null,
    });
  });

  it("settles a pending confirmation once, with the later window's numbers, and never reopens it", async () => {
    const id = await evaluationWith("p95");
    await markConfirmationsPending(db.pool, id, ["p95"], WINDOW);

    const outcome = { state: "not-confirmed", reason: "The later window shows no change", result: later } as const;
    expect(await settleConfirmation(db.pool, id, "p95", outcome)).toBe(true);
    expect(await settleConfirmation(db.pool, id, "p95", { state: "confirmed", reason: "again" })).toBe(false);
    await markConfirmationsPending(db.pool, id, ["p95"], WINDOW);

    expect(await listConfirmations(db.pool, id, "pending")).toEqual([]);
    expect(await listConfirmations(db.pool, id)).toEqual([
      expect.objectContaining({ state: "not-confirmed", verdict: "no-change", median: 0.101, n: 119, changePct: 1, pValue: 0.4 }),
    ]);
  });

  it("fails only the pending confirmations of the evaluation given up on", async () => {
    const id = await evaluationWith("p95", "errors");
    const other = await evaluationWith("p95");
    await markConfirmationsPending(db.pool, id, ["p95", "errors"], WINDOW);
    await markConfirmationsPending(db.pool, other, ["p95"], WINDOW);
    await settleConfirmation(db.pool, id, "errors", { state: "confirmed", reason: "still worse" });

    expect(await failPendingConfirmations(db.pool, id, "gave up after every retry: Bad Gateway")).toBe(1);

    const states = (await listConfirmations(db.pool, id)).map(({ metricName, state, reason }) => ({ metricName, state, reason }));
    expect(states).toEqual([
      { metricName: "p95", state: "failed", reason: "gave up after every retry: Bad Gateway" },
      { metricName: "errors", state: "confirmed", reason: "still worse" },
    ]);
    expect(await listConfirmations(db.pool, other, "pending")).toHaveLength(1);
  });
});
