import { createQueue, type JobQueue } from "../../src/queue/create-queue.js";
import { JOB_NAMES, type JobData } from "../../src/jobs.js";
import { createTestDatabase, type TestDatabase } from "../helpers/test-database.js";

describe("JobQueue<JobData>.work", () => {
  let db: TestDatabase;
  let queue: JobQueue<JobData>;

  beforeEach(async () => {
    db = await createTestDatabase();
    queue = await createQueue<JobData>({ jobNames: JOB_NAMES, connectionString: db.url, retryLimit: 1, retryDelaySeconds: 1 });
  });
  afterEach(async () => {
    await queue.stop();
    await db.drop();
  });

  describe("when every attempt of a job fails", () => {
    it("calls onGiveUp once, after the last retry, with the job's data and the error", async () => {
      const attempts: number[] = [];
      const gaveUp: Array<[unknown, string]> = [];
      await queue.work(
        "plan-evaluation",
        async ({ evaluationId }) => {
          attempts.push(evaluationId);
          throw new Error(`GitHub is down (attempt ${attempts.length})`);
        },
        { onGiveUp: async (data, reason) => void gaveUp.push([data, reason]) },
      );
      await queue.send("plan-evaluation", { evaluationId: 7 }, { key: "7" });

      const deadline = Date.now() + 20_000;
      while (gaveUp.length === 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));

      expect(attempts).toEqual([7, 7]);
      expect(gaveUp).toEqual([[{ evaluationId: 7 }, "GitHub is down (attempt 2)"]]);
      const { rows } = await db.pool.query("select state from pgboss.job where name = 'plan-evaluation'");
      expect(rows).toEqual([{ state: "failed" }]);
    });
  });

  describe("when a job's last attempt does not finish (its queue stopped without waiting)", () => {
    it("gives up on it once, through the dead-letter queue, in the next process", async () => {
      await queue.stop();
      queue = await createQueue<JobData>({ jobNames: JOB_NAMES, connectionString: db.url, retryLimit: 0, retryDelaySeconds: 1 });
      let started = false;
      // The handler never ends; its queue is stopped without waiting, and hands the attempt back as failed.
      await queue.work("validate-config", async () => {
        started = true;
        await new Promise(() => undefined);
      });
      await queue.send("validate-config", { installationId: 1, owner: "o", repo: "r", sha: "abc", pullNumber: 3 }, { key: "3" });
      const deadline = Date.now() + 20_000;
      while (!started && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
      expect(started).toBe(true);
      await queue.stop(0);

      const gaveUp: Array<[unknown, string]> = [];
      queue = await createQueue<JobData>({ jobNames: JOB_NAMES, connectionString: db.url, retryLimit: 0, retryDelaySeconds: 1 });
      await queue.work("validate-config", async () => undefined, { onGiveUp: async (data, reason) => void gaveUp.push([data, reason]) });
      const late = Date.now() + 60_000;
      while (gaveUp.length === 0 && Date.now() < late) await new Promise((resolve) => setTimeout(resolve, 200));

      expect(gaveUp).toEqual([[{ installationId: 1, owner: "o", repo: "r", sha: "abc", pullNumber: 3 }, expect.any(String)]]);
      const { rows } = await db.pool.query("select name, source_name from pgboss.job where name in ('validate-config', 'give-up') order by name");
      expect(rows).toEqual([
        { name: "give-up", source_name: "validate-config" },
        { name: "validate-config", source_name: null },
      ]);
    }, 90_000);
  });
});
