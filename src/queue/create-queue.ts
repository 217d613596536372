import { PgBoss, type JobInsert, type Queue } from "pg-boss";
import { groupCommit } from "../db/group-commit.js";
import { yieldToIntake } from "./yield-to-intake.js";
import { createHash } from "node:crypto";
import { setTimeout as sleep } from "node:timers/promises";

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
  send<N extends keyof Jobs & string>(name: N, data: Jobs[N], opts: SendOptions): Promise<boolean>;
  /**
   * Runs `handler` for each job of `name`, one job per call, at most one job of a `group` at a time across every
   * process, and at most `maxRunningJobs` handlers of any name at once in this process. A throw fails the attempt
   * and it is retried later.
   */
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

export interface SendOptions {
  /** Idempotency key: a job with the same name and key is stored once. */
  key: string;
  /** Defers the job; it runs at once when omitted or past. */
  startAfter?: Date;
  /**
   * Jobs of one name and group run one at a time, whichever process takes them (pg-boss groups): a burst on one
   * (repository, environment) waits in the queue, holding nothing, instead of in a lock.
   */
  group?: string;
}

export type JobHandler<Data> = (data: Data, job: JobMeta) => Promise<void>;

export interface WorkOptions<Data> {
  /**
   * Called once when a job is out of retries, so its subject can be marked as given up on — also when its last
   * attempt died with its process or ran past its expiry (pg-boss moves it to the dead-letter queue, whose worker
   * calls this).
   */
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
  /**
   * Handlers running at once in this process, over every job name (default 3). Each may hold a few pooled
   * connections (a lock's, a nested lock's, a query's): this bound keeps the workers from taking the connections
   * the webhook intake needs.
   */
  maxRunningJobs?: number;
  /** Errors pg-boss hits in the background (maintenance, polling); by default written to stderr. */
  onError?: (error: Error) => void;
}

/**
 * Starts pg-boss on the given database (installing or upgrading its schema) and creates Kaizen's queues.
 * Jobs are retried 5 times with exponential backoff, and an attempt running longer than 15 minutes counts
 * as failed.
 */
export async function createQueue<Jobs extends JobMap<Jobs>>(options: CreateQueueOptions<Jobs>): Promise<JobQueue<Jobs>> {
  const schema = options.schema ?? "pgboss";
  const boss = new PgBoss({
    connectionString: options.connectionString,
    schema,
    max: 5,
    schedule: false,
    // The supervisor fails jobs whose worker stopped sending heartbeats: with these, a crashed worker's job runs
    // again within heartbeat + supervise interval + the first retry delay (about 30 s), not after 15 minutes.
    superviseIntervalSeconds: options.superviseIntervalSeconds ?? 10,
    monitorIntervalSeconds: options.superviseIntervalSeconds ?? 10,
    // The ready counts that start a burst (burstWhenReadyExceeds below) are read from this cache: a backlog is
    // noticed within seconds, not pg-boss's default minute.
    queueCacheIntervalSeconds: 2,
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
    deadLetter: GIVE_UP_QUEUE,
  } satisfies Omit<Queue, "name">;
  try {
    // The dead-letter queue first: the others refer to it. Its jobs are the record of what was given up on.
    await boss.createQueue(GIVE_UP_QUEUE, { retryLimit: 5, retryDelay: 5, retryBackoff: true, retentionSeconds: 30 * 86_400 });
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
  const running = semaphore(options.maxRunningJobs ?? 3);
  const giveUps = new Map<string, (data: never, reason: string) => Promise<void>>();
  let givingUp: Promise<unknown> | undefined;
  const workOptions = {
    pollingIntervalSeconds,
    // Deferred jobs and retries become due without a NOTIFY: keep polling for them at the same pace.
    notifyPollingIntervalSeconds: pollingIntervalSeconds,
    // One job per fetch: each succeeds, fails or expires on its own, and a slow one holds back no other. A fetch
    // that found one fetches again at once while the queue's cached ready count says two or more wait, so a backlog
    // drains at the pace of the jobs, not of the polling (pg-boss ignores burstWhenBatchFull at batchSize 1: with
    // it alone a backlog drained one job per poll, 2/s per queue). An empty fetch ends the burst.
    batchSize: 1,
    burstWhenReadyExceeds: 1,
    localConcurrency: 1,
    groupConcurrency: 1,
    includeMetadata: true,
  } as const;

  /** The dead-letter queue's worker: a job out of retries, however its last attempt ended, is given up on once. */
  const workGiveUps = () =>
    boss.work<object, unknown, typeof workOptions>(GIVE_UP_QUEUE, workOptions, async ([job]) => {
      const name = job!.sourceName ?? "";
      const output = job!.sourceOutput as { message?: unknown } | null;
      const reason = typeof output?.message === "string" ? output.message : "its last attempt did not finish (worker stopped or expired)";
      await giveUps.get(name)?.(job!.data as never, reason);
    });

  // Jobs sent together go in one statement per name (group commit): a burst of webhooks costs one insert, not one each.
  const inserts = new Map<string, (db: PgBoss, job: JobInsert & { id: string }) => Promise<boolean>>();
  const insertJobs = (name: string) =>
    groupCommit<PgBoss, JobInsert & { id: string }, boolean>(
      async (db, jobs) => {
        // Only the jobs stored by this statement come back: one already queued under its key is not sent again.
        const inserted = new Set(await db.insert(name, jobs, { returnId: true }));
        return jobs.map((job) => inserted.has(job.id));
      },
      { keyOf: (job) => job.id },
    );

  return {
    async send(name, data, { key, startAfter, group }) {
      let insert = inserts.get(name);
      if (!insert) inserts.set(name, (insert = insertJobs(name)));
      return insert(boss, { id: jobId(name, key), data, ...(startAfter ? { startAfter } : {}), ...(group ? { group: { id: group } } : {}) });
    },
    async work(name, handler, { onGiveUp } = {}) {
      if (onGiveUp) giveUps.set(name, onGiveUp as (data: never, reason: string) => Promise<void>);
      givingUp ??= workGiveUps();
      await givingUp;
      await boss.work<Jobs[typeof name], unknown, typeof workOptions>(name, workOptions, async ([job]) => {
        const { id, data, retryCount, retryLimit, groupId } = job!;
        const release = groupId ? await takeGroupTurn(boss, schema, { name, groupId, id }) : undefined;
        try {
          await running(() => yieldToIntake(() => handler(data, { id, retryCount, retryLimit })));
        } finally {
          await release?.();
        }
      });
    },
    async stop(drainSeconds = 30) {
      await boss.stop({ graceful: true, timeout: drainSeconds * 1000 });
    },
  };
}

/**
 * pg-boss checks a group's limit in each fetch on its own: two processes fetching at the same moment can both start
 * a job of one group (seen in test/queue/create-queue.test.ts). So a job of a group first claims the group's turn, a
 * row keyed by (name, group) in job_group_turns (migration 036): the unique key decides between twins whatever the
 * order their fetches committed in. The other twin waits here — polling, holding no connection — until the turn is
 * released or its holder is no longer active (a holder whose process died stops being active when its heartbeat is
 * missed). A retry of the holder itself (same job id) takes its turn again. Returns the release.
 */
async function takeGroupTurn(boss: PgBoss, schema: string, job: { name: string; groupId: string; id: string }): Promise<() => Promise<void>> {
  const db = boss.getDb();
  const claim = `insert into job_group_turns (name, group_id, job_id) values ($1, $2, $3)
    on conflict (name, group_id) do update set job_id = excluded.job_id, claimed_at = now()
    where job_group_turns.job_id = excluded.job_id
       or not exists (select 1 from ${schema}.job j where j.name = $1 and j.id::text = job_group_turns.job_id and j.state = 'active')
    returning job_id`;
  for (let delay = 50; ; delay = Math.min(delay * 2, 1000)) {
    const { rows } = await db.executeSql(claim, [job.name, job.groupId, job.id]);
    if (rows.length > 0) break;
    await sleep(delay);
  }
  return async () => {
    await db.executeSql("delete from job_group_turns where name = $1 and group_id = $2 and job_id = $3", [job.name, job.groupId, job.id]);
  };
}

/** The dead-letter queue every job goes to once out of retries. */
export const GIVE_UP_QUEUE = "give-up";

/** Runs at most `limit` functions at once; the rest wait their turn in order. */
function semaphore(limit: number): <T>(fn: () => Promise<T>) => Promise<T> {
  let active = 0;
  const waiting: Array<() => void> = [];
  return async (fn) => {
    if (active >= limit) await new Promise<void>((resolve) => waiting.push(resolve));
    else active++;
    try {
      return await fn();
    } finally {
      const next = waiting.shift();
      if (next) next();
      else active--;
    }
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
