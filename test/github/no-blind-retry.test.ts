import nock from "nock";
import { ProbotOctokit } from "probot";
import { noBlindRetry } from "../../src/github/no-blind-retry.js";

// Probot's Octokit with its retry plugin on, as in production, but retrying after milliseconds instead of seconds.
const RetryingOctokit = ProbotOctokit.defaults((options: Record<string, unknown>) => ({
  ...options,
  retry: { retryAfterBaseValue: 1 },
  throttle: { enabled: false },
}));

describe("noBlindRetry", () => {
  let octokit: InstanceType<typeof ProbotOctokit>;

  beforeEach(() => {
    nock.disableNetConnect();
    octokit = noBlindRetry(new RetryingOctokit({ auth: "ghs_test" }));
  });
  afterEach(() => {
    nock.cleanAll();
    nock.enableNetConnect();
  });

  describe("a POST that creates something and gets a 502", () => {
    it("is sent once: the failure reaches the caller, whose retry checks first whether it landed", async () => {
      const scope = nock("https://api.github.com").post("/repos/o/r/issues").reply(502, { message: "Bad Gateway" });
      await expect(octokit.rest.issues.create({ owner: "o", repo: "r", title: "t" })).rejects.toMatchObject({ status: 502 });
      expect(scope.isDone()).toBe(true);
      expect(nock.pendingMocks()).toEqual([]);
    });
  });

  describe("a GET or PATCH that gets a 502", () => {
    it("is retried by the retry plugin, as before", async () => {
      const scope = nock("https://api.github.com")
        .get("/repos/o/r/issues/1").reply(502, { message: "Bad Gateway" })
        .get("/repos/o/r/issues/1").reply(200, { number: 1 })
        .patch("/repos/o/r/issues/comments/5").reply(502, { message: "Bad Gateway" })
        .patch("/repos/o/r/issues/comments/5").reply(200, { id: 5 });
      expect((await octokit.rest.issues.get({ owner: "o", repo: "r", issue_number: 1 })).data).toEqual({ number: 1 });
      expect((await octokit.rest.issues.updateComment({ owner: "o", repo: "r", comment_id: 5, body: "b" })).data).toEqual({ id: 5 });
      expect(scope.isDone()).toBe(true);
    });
  });
});
