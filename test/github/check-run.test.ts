import nock from "nock";
import { publishCheckRun } from "../../src/github/check-run.js";
import { TEST_REPO, nockCreateCheckRun, nockListCheckRuns, nockUpdateCheckRun, testOctokit } from "../helpers/nock-github.js";

const SHA = "9f8e7d6c5b4a39281706f5e4d3c2b1a098765432";
const NAME = "Kaizen (production)";
const run = {
  ...TEST_REPO,
  sha: SHA,
  name: NAME,
  externalId: "evaluation:12",
  conclusion: "failure" as const,
  title: "1 regression, 2 no change",
  summary: "## 1 regression, 2 no change",
};

beforeAll(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());
afterAll(() => nock.enableNetConnect());

describe("publishCheckRun", () => {
  describe("when no run with the external id exists on the commit", () => {
    it("creates a completed check run and returns its id", async () => {
      const sent: Array<Record<string, unknown>> = [];
      const list = nockListCheckRuns({ sha: SHA, name: NAME, runs: [{ id: 3, external_id: "evaluation:11" }] });
      const create = nockCreateCheckRun({ id: 901, sent });

      await expect(publishCheckRun(testOctokit(), run)).resolves.toBe(901);

      expect(list.isDone() && create.isDone()).toBe(true);
      expect(sent[0]).toMatchObject({
        name: NAME,
        head_sha: SHA,
        external_id: "evaluation:12",
        status: "completed",
        conclusion: "failure",
        output: { title: run.title, summary: run.summary },
      });
      expect(sent[0]?.["output"]).not.toHaveProperty("text");
    });
  });

  describe("when a run with the same external id exists", () => {
    it("updates that run instead of creating another", async () => {
      const sent: Array<Record<string, unknown>> = [];
      const list = nockListCheckRuns({
        sha: SHA,
        name: NAME,
        runs: [
          { id: 3, external_id: "evaluation:11" },
          { id: 4, external_id: "evaluation:12" },
        ],
      });
      const update = nockUpdateCheckRun({ id: 4, sent });

      await expect(publishCheckRun(testOctokit(), { ...run, text: "details" })).resolves.toBe(4);

      expect(list.isDone() && update.isDone()).toBe(true);
      expect(sent[0]).toMatchObject({
        status: "completed",
        conclusion: "failure",
        output: { title: run.title, summary: run.summary, text: "details" },
      });
    });
  });
});
