import nock from "nock";
import { honourRetryAfter } from "../../src/github/honour-retry-after.js";
import { noBlindRetry } from "../../src/github/no-blind-retry.js";
import { ProductionOctokit } from "../helpers/production-octokit.js";

const SECONDARY = { message: "You have exceeded a secondary rate limit. Please wait a few minutes before you try again." };

describe("honourRetryAfter", () => {
  beforeEach(() => nock.disableNetConnect());
  afterEach(() => {
    nock.cleanAll();
    nock.enableNetConnect();
  });

  describe.each([403, 429])("a content-creating POST refused with %i and Retry-After", (status) => {
    it("waits the time GitHub gives and sends it again: one comment, not two and not none", async () => {
      const octokit = honourRetryAfter(noBlindRetry(new ProductionOctokit({ auth: "ghs_test" })));
      const scope = nock("https://api.github.com")
        .post("/repos/o/r/issues/1/comments").reply(status, SECONDARY, { "retry-after": "1" })
        .post("/repos/o/r/issues/1/comments").reply(201, { id: 42 });
      const startedAt = Date.now();

      const { data } = await octokit.rest.issues.createComment({ owner: "o", repo: "r", issue_number: 1, body: "b" });

      expect(data).toEqual({ id: 42 });
      expect(Date.now() - startedAt).toBeGreaterThanOrEqual(1000);
      expect(scope.isDone()).toBe(true);
    });
  });

  describe("a wait longer than a job should sleep", () => {
    it("fails the attempt at once, so the job's retry comes back later", async () => {
      const octokit = honourRetryAfter(new ProductionOctokit({ auth: "ghs_test" }));
      nock("https://api.github.com").post("/repos/o/r/issues").reply(403, SECONDARY, { "retry-after": "3600" });
      await expect(octokit.rest.issues.create({ owner: "o", repo: "r", title: "t" })).rejects.toMatchObject({ status: 403 });
      expect(nock.pendingMocks()).toEqual([]);
    });
  });
});
