import { PgBoss, type Queue } from "pg-boss";
import { createHash } from "node:crypto";

/** Job name → the data that job carries (an object: pg-boss stores it as JSON). */
export type JobMap<Jobs> = { [N in keyof Jobs]: object };

/**
 * The durable job queue the handlers and pipelines use; pg-boss stays behind this interface. `Jobs` maps each job
 * name to the data it carries (the app's map is `JobData` in src/jobs.ts, composed from each feature's jobs).
 */
export interface JobQueue<Jobs extends JobMap<Jobs>> {
  /**
   * Queues a job unless one with the same name and `key` exists already. Returns whether this call queued it.
   * `startAfter` defers it (it runs at once when omitted or past).
   */
  send<N extends keyof Jobs & string>(name: N, data: Jobs[N], opts: { key: string; startAfter?: Date }): Promise<boolean>;
  /** Runs `handler` for each job of `name`, one at a time; a throw fails the attempt and it is retried later. */
  work<N extends keyof Jobs & string>(name: N, handler: JobHandler<Jobs[N]>, options?: WorkOptions<Jobs[N]>): Promise<void>;
  /** Stops fetching, waits up to `drainSeconds` (default 30) for running handlers to finish, and closes the connections. */
  stop(drainSeconds?: number): Promise<void>;
}

/** Which attempt of which job a handler runs: for logs, metrics and give-up decisions. */
export interface JobMeta {
  id: string;
  /** Retries before this attempt (0 on the first). */
  retryCount: number;
  /** Retries allowed: an attempt with retryCount = retryLimit that fails is the last. */
  retryLimit: number;
}

export type JobHandler<Data> = (data: Data, job: JobMeta) => Promise<void>;

export interface WorkOptions<Data> {
  /** Called once when a job's last retry has failed, so its subject can be marked as given up on. */
  onGiveUp?: (data: Data, reason: string) => Promise<void>;
}

export interface CreateQueueOptions<Jobs extends JobMap<Jobs>> {
  /** Every job name the app sends or works: pg-boss needs a queue before anything is sent to or worked from it. */
  jobNames: ReadonlyArray<keyof Jobs & string>;
  /** Retries after the first attempt (default 5). */
  retryLimit?: number;
  connectionString: string;
  /** The schema pg-boss keeps its tables in. */
  schema?: string;
  /** Delay before the first retry; each further retry doubles it (with jitter), up to 10 minutes. */
  retryDelaySeconds?: number;
  /** How often an idle worker looks for due jobs; also bounds how late a deferred job starts. */
  pollingIntervalSeconds?: number;
  /**
   * How often a running job proves its worker alive (pg-boss heartbeats, at least 10 s). A job whose worker died
   * (SIGKILL, OOM, eviction) misses its heartbeat and is failed and retried, instead of staying active until the
   * 15-minute expiry.
   */
  heartbeatSeconds?: number;
  /** How often pg-boss looks for jobs that missed their heartbeat or expired (default 10 s). */
  superviseIntervalSeconds?: number;
  /** Errors pg-boss hits in the background (maintenance, polling); by default written to stderr. */
  onError?: (error: Error) => void;
}

/**
 * Starts pg-boss on the given database (installing or upgrading its schema) and creates Kaizen's queues.
 * Jobs are retried 5 times with exponential backoff, and an attempt running longer than 15 minutes counts
 * as failed.
 */
export async function createQueue<Jobs extends JobMap<Jobs>>(options: CreateQueueOptions<Jobs>): Promise<JobQueue<Jobs>> {
  const boss = new PgBoss({
    connectionString: options.connectionString,
    schema: options.schema ?? "pgboss",
    max: 5,
    schedule: false,
    // The supervisor fails jobs whose worker stopped sending heartbeats: with these, a crashed worker's job runs
    // again within heartbeat + supervise interval + the first retry delay (about 30 s), not after 15 minutes.
    superviseIntervalSeconds: options.superviseIntervalSeconds ?? 10,
    monitorIntervalSeconds: options.superviseIntervalSeconds ?? 10,
    // Wakes idle workers the moment a job is queued instead of at the next poll.
    useListenNotify: true,
  });
  boss.on("error", options.onError ?? ((error) => console.error("job queue:", error)));
  await boss.start();

  const queueOptions = {
    retryLimit: options.retryLimit ?? 5,
    retryDelay: options.retryDelaySeconds ?? 5,
    retryBackoff: true,
    retryDelayMax: 600,
    expireInSeconds: 900,
    heartbeatSeconds: options.heartbeatSeconds ?? 10,
    notify: true,
  } satisfies Omit<Queue, "name">;
  try {
    for (const name of options.jobNames) {
      await boss.createQueue(name, queueOptions);
      // createQueue leaves an existing queue as it was: apply the current settings to queues from older versions.
      await boss.updateQueue(name, queueOptions);
    }
  } catch (error) {
    await boss.stop({ graceful: false });
    throw error;
  }

  const pollingIntervalSeconds = options.pollingIntervalSeconds ?? 0.5;
  return {
    async send(name, data, { key, startAfter }) {
      const id = await boss.send(name, data, { id: jobId(name, key), ...(startAfter ? { startAfter } : {}) });
      return id !== null;
    },
    async work(name, handler, { onGiveUp } = {}) {
      // Jobs are fetched in batches (and fetched again at once while batches come back full), but each job
      // succeeds or fails on its own: a failed one is failed explicitly (→ retried with backoff), and
      // pg-boss then completes only the jobs still active.
      const workOptions = {
        pollingIntervalSeconds,
        // Deferred jobs and retries become due without a NOTIFY: keep polling for them at the same pace.
        notifyPollingIntervalSeconds: pollingIntervalSeconds,
        batchSize: 10,
        burstWhenBatchFull: true,
        localConcurrency: 2,
        includeMetadata: true,
      } as const;
      await boss.work<Jobs[typeof name], unknown, typeof workOptions>(name, workOptions, async (jobs) => {
        const results = await Promise.allSettled(
          jobs.map((job) => handler(job.data, { id: job.id, retryCount: job.retryCount, retryLimit: job.retryLimit })),
        );
        for (const [i, result] of results.entries()) {
          if (result.status === "fulfilled") continue;
          const reason: unknown = result.reason;
          const message = reason instanceof Error ? reason.message : String(reason);
          const job = jobs[i]!;
          if (job.retryCount >= job.retryLimit) await onGiveUp?.(job.data, message);
          await boss.fail(name, job.id, { message });
        }
      });
    },
    async stop(drainSeconds = 30) {
      await boss.stop({ graceful: true, timeout: drainSeconds * 1000 });
    },
  };
}

/**
 * The job id for a job name and idempotency key: a name-based UUID (version 5 layout over SHA-1), so the
 * same job sent twice maps to one id and the queue stores it once.
 */
export function jobId(name: string, key: string): string {
  const bytes = createHash("sha1").update(`${name}\0${key}`).digest().subarray(0, 16);
  bytes[6] = (bytes[6]! & 0x0f) | 0x50; // version 5
  bytes[8] = (bytes[8]! & 0x3f) | 0x80; // RFC 4122 variant
  const hex = bytes.toString("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
