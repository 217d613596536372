import nock from "nock";
import type { ProbotOctokit } from "probot";
import { noBlindRetry } from "../../src/github/no-blind-retry.js";
import { ProductionOctokit, TRIES_ON_5XX } from "../helpers/production-octokit.js";

describe("noBlindRetry", () => {
  let octokit: InstanceType<typeof ProbotOctokit>;

  beforeEach(() => {
    nock.disableNetConnect();
    octokit = noBlindRetry(new ProductionOctokit({ auth: "ghs_test" }));
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

  describe("a GET that keeps getting a 502", () => {
    it(`is sent ${TRIES_ON_5XX} times in all, then the failure reaches the caller`, async () => {
      const scope = nock("https://api.github.com").get("/repos/o/r/issues/1").times(TRIES_ON_5XX).reply(502, { message: "Bad Gateway" });
      await expect(octokit.rest.issues.get({ owner: "o", repo: "r", issue_number: 1 })).rejects.toMatchObject({ status: 502 });
      expect(scope.isDone()).toBe(true);
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
