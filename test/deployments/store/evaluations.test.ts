import {
  finishEvaluation,
  getEvaluation,
  scheduleEvaluation,
  setEvaluationCheckRun,
} from "../../../src/deployments/store/evaluations.js";
import { useTestDatabase } from "../../helpers/test-database.js";
import { seedEvaluation } from "../../helpers/seed-evaluation.js";

const windows = {
  baseline: { start: new Date("2026-03-01T11:00:00Z"), end: new Date("2026-03-01T12:00:00Z") },
  candidate: { start: new Date("2026-03-01T12:10:00Z"), end: new Date("2026-03-01T13:10:00Z") },
};

describe("evaluations", () => {
  const db = useTestDatabase();

  describe("getEvaluation", () => {
    it("returns the evaluation joined with its deployment, without windows until scheduled", async () => {
      const { deployment, status, evaluation } = await seedEvaluation(db.pool);
      expect(evaluation).toEqual({
        ...deployment,
        ...status,
        id: expect.any(Number),
        deploymentId: expect.any(Number),
        state: "pending",
        baselineStart: null,
        baselineEnd: null,
        candidateStart: null,
        candidateEnd: null,
        checkRunId: null,
        note: null,
        createdAt: expect.any(Date),
        updatedAt: expect.any(Date),
        windows: null,
      });
    });

    it("returns null for an unknown id", async () => {
      expect(await getEvaluation(db.pool, 987_654_321)).toBeNull();
    });
  });

  describe("scheduleEvaluation", () => {
    it("stores the windows and moves a pending evaluation to scheduled; a retry is harmless", async () => {
      const { evaluation } = await seedEvaluation(db.pool);
      expect(await scheduleEvaluation(db.pool, evaluation.id, windows)).toBe(true);
      expect(await scheduleEvaluation(db.pool, evaluation.id, windows)).toBe(true);
      const stored = await getEvaluation(db.pool, evaluation.id);
      expect(stored).toMatchObject({ state: "scheduled", windows, candidateEnd: windows.candidate.end });
    });

    it("leaves a finished evaluation alone", async () => {
      const { evaluation } = await seedEvaluation(db.pool);
      await finishEvaluation(db.pool, evaluation.id, "skipped", "no config");
      expect(await scheduleEvaluation(db.pool, evaluation.id, windows)).toBe(false);
      expect(await getEvaluation(db.pool, evaluation.id)).toMatchObject({ state: "skipped", windows: null });
    });
  });

  describe("finishEvaluation", () => {
    it.each([
      ["skipped", "environment staging is not configured"],
      ["config-error", "2 config problem(s)"],
      ["reported", undefined],
    ] as const)("records the final state %s with its note", async (state, note) => {
      const { evaluation } = await seedEvaluation(db.pool);
      expect(await finishEvaluation(db.pool, evaluation.id, state, note)).toBe(true);
      const stored = await getEvaluation(db.pool, evaluation.id);
      expect(stored).toMatchObject({ state, note: note ?? null });
      expect(stored!.updatedAt.getTime()).toBeGreaterThanOrEqual(evaluation.updatedAt.getTime());
    });

    it("reports false for an unknown evaluation", async () => {
      expect(await finishEvaluation(db.pool, 987_654_321, "reported")).toBe(false);
    });
  });

  describe("setEvaluationCheckRun", () => {
    it("remembers the check run id", async () => {
      const { evaluation } = await seedEvaluation(db.pool);
      expect(await setEvaluationCheckRun(db.pool, evaluation.id, 31_000_000_000)).toBe(true);
      expect(await getEvaluation(db.pool, evaluation.id)).toMatchObject({ checkRunId: 31_000_000_000 });
    });
  });

  it("rejects a state outside the known ones", async () => {
    const { evaluation } = await seedEvaluation(db.pool);
    await expect(db.pool.query("update evaluations set state = 'done' where id = $1", [evaluation.id])).rejects.toThrow(
      /evaluations_state_check/,
    );
  });
});
