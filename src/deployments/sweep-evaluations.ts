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
  const { rows } = await db.query<{ id: string; state: "pending" | "scheduled"; due: Date | null; group_key: string }>(
    `select e.id, e.state, e.candidate_end as due, d.repo_id || ':' || d.environment as group_key
     from evaluations e join deployments d on d.id = e.deployment_id
     where e.state in ('pending', 'scheduled') and e.created_at < now() - make_interval(secs => $1)
     order by e.id limit 1000`,
    [olderThanSeconds],
  );
  let queued = 0;
  for (const { id, state, due, group_key: group } of rows) {
    const evaluationId = Number(id);
    const sent =
      state === "pending"
        ? await queue.send("plan-evaluation", { evaluationId }, { key: id })
        : await queue.send("evaluate-deployment", { evaluationId }, { key: id, group, ...(due && due > now ? { startAfter: due } : {}) });
    if (sent) queued++;
  }
  return queued;
}
