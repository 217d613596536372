import { createQueue, jobId, type JobQueue } from "../../src/queue/create-queue.js";
import { JOB_NAMES, type JobData } from "../../src/jobs.js";
import { createTestDatabase, type TestDatabase } from "../helpers/test-database.js";

interface JobRow {
  state: string;
  retryCount: number;
  retryLimit: number;
  retryBackoff: boolean;
  startAfter: Date;
}

/** Polls until `check` holds; the deadline only bounds a broken run, it is not what the test asserts. */
async function until(check: () => boolean | Promise<boolean>, what: string, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe("createQueue", () => {
  let db: TestDatabase;
  const queues: JobQueue<JobData>[] = [];
  const open = async () => {
    const queue = await createQueue<JobData>({ jobNames: JOB_NAMES, connectionString: db.url });
    queues.push(queue);
    return queue;
  };
  const jobs = async (name: string, key: string) =>
    (
      await db.pool.query<JobRow>(
        `select state, retry_count as "retryCount", retry_limit as "retryLimit", retry_backoff as "retryBackoff",
                start_after as "startAfter"
         from pgboss.job where name = $1 and id = $2`,
        [name, jobId(name, key)],
      )
    ).rows;
  const stateOf = async (name: string, key: string) => (await jobs(name, key))[0]?.state;

  beforeEach(async () => {
    db = await createTestDatabase();
  });
  afterEach(async () => {
    await Promise.all(queues.splice(0).map((queue) => queue.stop()));
    await db.drop();
  });

  it("stores a job sent twice with the same key once, and runs it once", async () => {
    const queue = await open();
    expect(await queue.send("plan-evaluation", { evaluationId: 1 }, { key: "1" })).toBe(true);
    expect(await queue.send("plan-evaluation", { evaluationId: 1 }, { key: "1" })).toBe(false);
    expect(await queue.send("plan-evaluation", { evaluationId: 2 }, { key: "2" })).toBe(true);
    expect(await jobs("plan-evaluation", "1")).toHaveLength(1);

    const seen: number[] = [];
    await queue.work("plan-evaluation", async ({ evaluationId }) => {
      seen.push(evaluationId);
    });
    await until(async () => (await stateOf("plan-evaluation", "2")) === "completed", "both jobs to complete");
    await until(async () => (await stateOf("plan-evaluation", "1")) === "completed", "both jobs to complete");
    expect(seen.sort()).toEqual([1, 2]);
  });

  it("does not start a deferred job before its time, and runs it once due", async () => {
    const queue = await open();
    const later = new Date(Date.now() + 3_600_000);
    await queue.send("evaluate-deployment", { evaluationId: 10 }, { key: "10", startAfter: later });
    await queue.send("evaluate-deployment", { evaluationId: 11 }, { key: "11" });
    const seen: number[] = [];
    await queue.work("evaluate-deployment", async ({ evaluationId }) => {
      seen.push(evaluationId);
    });

    // the later-sent, due job has run, so the worker has polled past the deferred one
    await until(async () => (await stateOf("evaluate-deployment", "11")) === "completed", "the due job");
    expect(seen).toEqual([11]);
    expect(await jobs("evaluate-deployment", "10")).toEqual([
      expect.objectContaining({ state: "created", startAfter: later }),
    ]);

    await db.pool.query("update pgboss.job set start_after = now() where id = $1", [jobId("evaluate-deployment", "10")]);
    await until(async () => (await stateOf("evaluate-deployment", "10")) === "completed", "the deferred job");
    expect(seen).toEqual([11, 10]);
  });

  it("keeps a job across a restart: sent by one instance, run by the next", async () => {
    const first = await open();
    const data = { installationId: 5, owner: "o", repo: "r", sha: "abc", pullNumber: 3 };
    await first.send("validate-config", data, { key: "r:abc" });
    await first.stop();

    const second = await open();
    const seen: unknown[] = [];
    await second.work("validate-config", async (data) => {
      seen.push(data);
    });
    await until(async () => (await stateOf("validate-config", "r:abc")) === "completed", "the job to complete");
    expect(seen).toEqual([data]);
  });

  it("retries a failed job later, with backoff, until it succeeds", async () => {
    const queue = await open();
    let attempts = 0;
    await queue.work("plan-evaluation", async () => {
      attempts += 1;
      if (attempts === 1) throw new Error("GitHub answered 502");
    });
    const sentAt = new Date();
    await queue.send("plan-evaluation", { evaluationId: 20 }, { key: "20" });

    await until(async () => (await stateOf("plan-evaluation", "20")) === "retry", "the first attempt to fail");
    const [failed] = await jobs("plan-evaluation", "20");
    expect(failed).toMatchObject({ retryLimit: 5, retryBackoff: true });
    expect(failed!.startAfter.getTime()).toBeGreaterThan(sentAt.getTime() + 1_000); // deferred, not immediate

    await db.pool.query("update pgboss.job set start_after = now() where id = $1", [jobId("plan-evaluation", "20")]);
    await until(async () => (await stateOf("plan-evaluation", "20")) === "completed", "the retry to succeed");
    expect(attempts).toBe(2);
    expect(await jobs("plan-evaluation", "20")).toEqual([expect.objectContaining({ retryCount: 1 })]);
  });

  it("drains a backlog at the pace of its jobs, not one job per poll", async () => {
    // Polling every 2 s, 150 jobs one per poll would take 300 s; fetching again at once while the queue reports
    // more ready takes seconds (the ready count is refreshed every few seconds). The deadline sits between the two.
    const queue = await createQueue<JobData>({ jobNames: JOB_NAMES, connectionString: db.url, pollingIntervalSeconds: 2, superviseIntervalSeconds: 1 });
    queues.push(queue);
    const ids = Array.from({ length: 150 }, (_, i) => 1000 + i);
    await Promise.all(ids.map((id) => queue.send("plan-evaluation", { evaluationId: id }, { key: String(id) })));
    const runs: number[] = [];
    await queue.work("plan-evaluation", async ({ evaluationId }) => {
      runs.push(evaluationId);
    });
    await until(() => runs.length === ids.length, "the backlog to drain", 90_000);
    expect(runs.sort()).toEqual(ids);
  }, 120_000);

  it("gives each job to one worker when two instances work the same queue", async () => {
    const [a, b] = [await open(), await open()];
    const runs: number[] = [];
    const handler = async ({ evaluationId }: { evaluationId: number }) => {
      runs.push(evaluationId);
      await new Promise((resolve) => setTimeout(resolve, 20)); // keep jobs in flight so the workers overlap
    };
    await a.work("plan-evaluation", handler);
    await b.work("plan-evaluation", handler);
    const ids = Array.from({ length: 8 }, (_, i) => 100 + i);
    for (const id of ids) await (id % 2 ? a : b).send("plan-evaluation", { evaluationId: id }, { key: String(id) });

    await until(async () => {
      const { rows } = await db.pool.query("select count(*)::int as n from pgboss.job where state = 'completed'");
      return rows[0].n === ids.length;
    }, "every job to complete");
    expect(runs.sort()).toEqual(ids);
  });

  it("takes over a group's turn whose holder is no longer active (its process died mid-job)", async () => {
    const queue = await open();
    // A turn left behind by a job that pg-boss no longer counts as running.
    await db.pool.query("insert into job_group_turns (name, group_id, job_id) values ('evaluate-deployment', 'left', gen_random_uuid()::text)");
    const runs: number[] = [];
    await queue.work("evaluate-deployment", async ({ evaluationId }) => {
      runs.push(evaluationId);
    });
    await queue.send("evaluate-deployment", { evaluationId: 7 }, { key: "7", group: "left" });
    await until(() => runs.length === 1, "the job to run");
    await until(async () => (await db.pool.query("select 1 from job_group_turns")).rowCount === 0, "its turn to be released");
    expect(runs).toEqual([7]);
  });

  it("runs many jobs of one group at once sent, across two instances, one at a time and each once", async () => {
    const [a, b] = [await open(), await open()];
    const running = new Map<string, number>();
    const most = new Map<string, number>();
    const runs: number[] = [];
    const handler = async ({ evaluationId }: { evaluationId: number }) => {
      const group = evaluationId % 3 === 0 ? "other" : "burst";
      running.set(group, (running.get(group) ?? 0) + 1);
      most.set(group, Math.max(most.get(group) ?? 0, running.get(group)!));
      runs.push(evaluationId);
      await new Promise((resolve) => setTimeout(resolve, 20)); // keep jobs in flight so the instances overlap
      running.set(group, running.get(group)! - 1);
    };
    await a.work("evaluate-deployment", handler);
    await b.work("evaluate-deployment", handler);
    const ids = Array.from({ length: 18 }, (_, i) => 200 + i);
    await Promise.all(
      ids.map((id) => (id % 2 ? a : b).send("evaluate-deployment", { evaluationId: id }, { key: String(id), group: id % 3 === 0 ? "other" : "burst" })),
    );

    await until(async () => {
      const { rows } = await db.pool.query("select count(*)::int as n from pgboss.job where name = 'evaluate-deployment' and state = 'completed'");
      return rows[0].n === ids.length;
    }, "every job to complete", 30_000);
    expect(runs.sort()).toEqual(ids);
    expect(Object.fromEntries(most)).toEqual({ burst: 1, other: 1 });
  });
});
