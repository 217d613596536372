/** The parts of an evaluation the gate reads (structurally `db/evaluation-verdicts`' rows; the model stays pure). */
export interface GateEvaluation {
  state: "pending" | "scheduled" | "skipped" | "config-error" | "reported" | "failed";
  note: string | null;
}

/** The parts of a metric's verdict the gate reads. */
export interface GateVerdict {
  metricName: string;
  verdict: "regression" | "improvement" | "no-change" | "inconclusive";
  confirmation: "pending" | "confirmed" | "not-confirmed" | "not-needed" | "failed" | null;
}

/** What the gate says about a deployment, from the same commit's evaluation in the `after` environment. */
export type GateJudgement<V extends GateVerdict = GateVerdict> =
  | { kind: "approve"; reason: string }
  | { kind: "reject"; reason: string; regressions: V[] }
  | { kind: "pending"; reason: string };

/**
 * No regression → approve; a regression that stands (confirmed, or no confirmation asked for or possible) → reject;
 * not deployed there yet, not evaluated yet, or a regression still waiting for its confirmation window → pending.
 * An evaluation that could not run (skipped, broken config, failed) is no evidence of safety: reject, saying why.
 * A regression the later window did not confirm is noise, and does not block.
 */
export function judgeGate<V extends GateVerdict>(evaluation: GateEvaluation | null, verdicts: V[], after: string): GateJudgement<V> {
  if (!evaluation) return { kind: "pending", reason: `this commit has not been deployed to ${after} yet` };
  if (evaluation.state === "pending" || evaluation.state === "scheduled") {
    return { kind: "pending", reason: `the evaluation in ${after} has not finished yet` };
  }
  if (evaluation.state !== "reported") {
    const why = evaluation.note ? ` (${evaluation.note})` : "";
    return { kind: "reject", reason: `the evaluation in ${after} did not run: ${evaluation.state}${why}`, regressions: [] };
  }
  const regressions = verdicts.filter((v) => v.verdict === "regression" && v.confirmation !== "not-confirmed");
  if (regressions.some((v) => v.confirmation === "pending")) {
    return { kind: "pending", reason: `a regression in ${after} is waiting for its confirmation window` };
  }
  if (regressions.length > 0) {
    return { kind: "reject", reason: `regression in ${after}: ${regressions.map((r) => r.metricName).join(", ")}`, regressions };
  }
  return { kind: "approve", reason: `no regression in ${after}` };
}
