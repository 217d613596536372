import type { Queryable } from "../db/queryable.js";
import type { JobQueue } from "../queue/create-queue.js";
import type { DeploymentJobs } from "./jobs.js";

/**
 * Queues the job of every evaluation that is stored but unfinished and older than `olderThanSeconds`: the intake
 * stores the evaluation and then queues its job, so a process that dies between the two leaves it pending with no
 * job. Pending → `plan-evaluation`; scheduled → `evaluate-deployment` at its candidate window's end. Sends are
 * keyed like the intake's and the planner's, so an evaluation whose job exists (waiting, retrying, done) gets no
 * second one. Returns how many jobs this call queued.
 */
export async function sweepEvaluations(
  db: Queryable,
  queue: JobQueue<DeploymentJobs>,
  { olderThanSeconds, now }: { olderThanSeconds: number; now: Date },
): Promise<number> {
  const { rows } = await db.query<{ id: string; state: "pending" | "scheduled"; due: Date | null }>(
    `select id, state, candidate_end as due from evaluations
     where state in ('pending', 'scheduled') and created_at < now() - make_interval(secs => $1)
     order by id limit 1000`,
    [olderThanSeconds],
  );
  let queued = 0;
  for (const { id, state, due } of rows) {
    const evaluationId = Number(id);
    const sent =
      state === "pending"
        ? await queue.send("plan-evaluation", { evaluationId }, { key: id })
        : await queue.send("evaluate-deployment", { evaluationId }, { key: id, ...(due && due > now ? { startAfter: due } : {}) });
    if (sent) queued++;
  }
  return queued;
}
