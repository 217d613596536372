import type { KaizenMetrics } from "../http/metrics.js";
import type { JobMap, JobQueue } from "./create-queue.js";

/** The part of Probot's (pino) logger the job log uses. */
export interface JobLog {
  info(fields: object, message: string): void;
  warn(fields: object, message: string): void;
  error(fields: object, message: string): void;
}

/**
 * The same queue, with every job's outcome written as one log line (info when it completed, warn when the attempt
 * failed, error when the job is given up on, however its last attempt ended) carrying the job's name, id and
 * attempt, and counted and timed in the metrics, so an operator can tell from the logs and from `/metrics` whether
 * work ran, failed or is waiting.
 */
export function observeJobs<Jobs extends JobMap<Jobs>>(queue: JobQueue<Jobs>, log: JobLog, metrics: KaizenMetrics): JobQueue<Jobs> {
  return {
    ...queue,
    work: (name, handler, options) =>
      queue.work(
        name,
        async (data, job) => {
          const started = performance.now();
          const fields = { job: name, jobId: job.id, attempt: job.retryCount + 1 };
          try {
            await handler(data, job);
            const ms = Math.round(performance.now() - started);
            metrics.jobs.inc({ name, outcome: "completed" });
            log.info({ ...fields, outcome: "completed", ms }, `job ${name} completed in ${ms} ms`);
          } catch (error) {
            const last = job.retryCount >= job.retryLimit;
            const reason = error instanceof Error ? error.message : String(error);
            metrics.jobs.inc({ name, outcome: "failed" });
            log.warn({ ...fields, outcome: "failed", reason }, `job ${name} failed${last ? " its last attempt" : ", will retry"}: ${reason}`);
            throw error;
          } finally {
            metrics.jobSeconds.observe({ name }, (performance.now() - started) / 1000);
          }
        },
        {
          onGiveUp: async (data, reason) => {
            metrics.jobs.inc({ name, outcome: "gave-up" });
            log.error({ job: name, outcome: "gave-up", reason }, `job ${name} given up on: ${reason}`);
            await options?.onGiveUp?.(data, reason);
          },
        },
      ),
  };
}
