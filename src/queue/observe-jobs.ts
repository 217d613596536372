import type { KaizenMetrics } from "../http/metrics.js";
import type { JobMap, JobQueue } from "./create-queue.js";

/** The part of Probot's (pino) logger the job log uses. */
export interface JobLog {
  info(fields: object, message: string): void;
  warn(fields: object, message: string): void;
  error(fields: object, message: string): void;
}

/**
 * The same queue, with every job's outcome written as one log line (info when it completed, warn when it will be
 * retried, error when it gave up) carrying the job's name, id and attempt, and counted and timed in the metrics, so
 * an operator can tell from the logs and from `/metrics` whether work ran, failed or is waiting.
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
            const outcome = last ? "gave-up" : "failed";
            const reason = error instanceof Error ? error.message : String(error);
            metrics.jobs.inc({ name, outcome });
            if (last) log.error({ ...fields, outcome, reason }, `job ${name} gave up after ${job.retryCount + 1} attempts: ${reason}`);
            else log.warn({ ...fields, outcome, reason }, `job ${name} failed, will retry: ${reason}`);
            throw error;
          } finally {
            metrics.jobSeconds.observe({ name }, (performance.now() - started) / 1000);
          }
        },
        options,
      ),
  };
}
