import nock from "nock";
import { pullRequestPayload, INSTALLATION_ID } from "../helpers/webhook-payloads.js";
import { useKaizen } from "../helpers/use-kaizen.js";
import { EXAMPLE_REPO, nockConfig, nockPullFiles } from "../helpers/nock-app.js";
import { GITHUB_API, nockCreateCheckRun, nockListCheckRuns } from "../helpers/nock-github.js";

type Body = Record<string, any>;
const HEAD = "ec26c3e57ca3a959ca5aad62de7213c562f8c821";

describe("pull_request", () => {
  const kaizen = useKaizen({ accessToken: INSTALLATION_ID });

  /** Delivers the event and waits until its validation job has finished. */
  async function deliver(action: "opened" | "synchronize", sha: string, options: { forkOwner?: string } = {}) {
    await kaizen.probot.receive({ id: `pr-${sha}`, name: "pull_request", payload: pullRequestPayload(action, sha, options) } as never);
    const deadline = Date.now() + 15_000;
    for (;;) {
      const { rows } = await kaizen.pool.query(
        "select state from pgboss.job where name = 'validate-config' and data->>'sha' = $1",
        [sha],
      );
      if (rows[0]?.state === "completed") return;
      if (Date.now() > deadline) throw new Error(`validate-config for ${sha} is ${rows[0]?.state ?? "missing"}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  describe("when the pull request changes .github/kaizen.yml into a broken config", () => {
    it("fails the 'Kaizen config' check run on the head with every problem and its fix", async () => {
      const sent: Body[] = [];
      nockPullFiles(2, [{ filename: "src/app.ts" }, { filename: ".github/kaizen.yml" }]);
      nockConfig("comment: sometimes\ngate: maybe\n", { ref: HEAD });
      nockListCheckRuns({ ...EXAMPLE_REPO, sha: HEAD, name: "Kaizen config", runs: [] });
      nockCreateCheckRun({ ...EXAMPLE_REPO, id: 71, sent });
      await deliver("opened", HEAD);
      expect(sent[0]).toMatchObject({ name: "Kaizen config", head_sha: HEAD, conclusion: "failure" });
      expect(sent[0]?.output.summary).toContain("comment");
      expect(sent[0]?.output.summary).toContain("gate");
      expect(sent[0]?.output.summary).toMatch(/always|on-change|on-regression/);
    });
  });

  describe("when the pull request fixes the config", () => {
    it("passes the check run", async () => {
      const sha = "1111111111111111111111111111111111111111";
      const sent: Body[] = [];
      nockPullFiles(2, [{ filename: ".github/kaizen.yml", status: "modified" }]);
      nockConfig("comment: always\n", { ref: sha });
      nockListCheckRuns({ ...EXAMPLE_REPO, sha, name: "Kaizen config", runs: [] });
      nockCreateCheckRun({ ...EXAMPLE_REPO, id: 72, sent });
      await deliver("synchronize", sha);
      expect(sent[0]).toMatchObject({ name: "Kaizen config", conclusion: "success" });
    });
  });

  describe("when a fork's pull request points `_extends` at another repository (issue 10, item 9)", () => {
    const fileAt = (sha: string, yaml: string) =>
      nock(GITHUB_API)
        .get(`/repos/${EXAMPLE_REPO.owner}/${EXAMPLE_REPO.repo}/contents/${encodeURIComponent(".github/kaizen.yml")}`)
        .query({ ref: sha })
        .reply(200, yaml, { "content-type": "text/plain; charset=utf-8" });

    it("checks the file on its own, never reads the other repository, and says so in the check", async () => {
      const sha = "f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0";
      const sent: Body[] = [];
      nockPullFiles(2, [{ filename: ".github/kaizen.yml" }]);
      fileAt(sha, "_extends: octo-org/private-infra:secrets/kaizen.yml\ncomment: always\n");
      // Nothing answers for octo-org/private-infra: were Kaizen to follow `_extends`, the unmatched read would
      // fail the job, and no check run would be written.
      nockListCheckRuns({ ...EXAMPLE_REPO, sha, name: "Kaizen config", runs: [] });
      nockCreateCheckRun({ ...EXAMPLE_REPO, id: 74, sent });

      await deliver("opened", sha, { forkOwner: "mallory" });

      expect(sent[0]).toMatchObject({ name: "Kaizen config", conclusion: "success" });
      expect(sent[0]?.output.summary).toContain("comes from a fork, so Kaizen checked this file on its own and did not read `_extends`");
      expect(sent[0]?.output.summary).not.toMatch(/does not exist|not found|404/i);
    });

    it("still reports the fork file's own problems", async () => {
      const sha = "f1f1f1f1f1f1f1f1f1f1f1f1f1f1f1f1f1f1f1f1";
      const sent: Body[] = [];
      nockPullFiles(2, [{ filename: ".github/kaizen.yml" }]);
      fileAt(sha, "_extends: .github\ngate: maybe\n");
      nockListCheckRuns({ ...EXAMPLE_REPO, sha, name: "Kaizen config", runs: [] });
      nockCreateCheckRun({ ...EXAMPLE_REPO, id: 75, sent });

      await deliver("opened", sha, { forkOwner: "mallory" });

      expect(sent[0]).toMatchObject({ conclusion: "failure" });
      expect(sent[0]?.output.summary).toContain("`gate`");
      expect(sent[0]?.output.summary).toContain("did not read `_extends`");
    });
  });

  describe("when the config names benchmark workflows", () => {
    function nockListWorkflows(names: string[]) {
      const workflows = names.map((name, i) => ({ id: 100 + i, name, path: `.github/workflows/w${i}.yml`, state: "active" }));
      return nock(GITHUB_API)
        .get(`/repos/${EXAMPLE_REPO.owner}/${EXAMPLE_REPO.repo}/actions/workflows`)
        .query({ per_page: "100" })
        .reply(200, { total_count: workflows.length, workflows });
    }

    it("fails the check run for a workflow the repository does not have, naming the closest and the list", async () => {
      const sha = "3333333333333333333333333333333333333333";
      const sent: Body[] = [];
      nockPullFiles(2, [{ filename: ".github/kaizen.yml" }]);
      nockConfig("benchmarks:\n  workflows: [CI, Benchmark]\n", { ref: sha });
      nockListWorkflows(["CI", "Benchmarks", "Release"]);
      nockListCheckRuns({ ...EXAMPLE_REPO, sha, name: "Kaizen config", runs: [] });
      nockCreateCheckRun({ ...EXAMPLE_REPO, id: 73, sent });
      await deliver("synchronize", sha);
      expect(sent[0]).toMatchObject({ conclusion: "failure", output: { title: "1 problem in .github/kaizen.yml" } });
      const summary = String(sent[0]?.output.summary);
      expect(summary).toContain("benchmarks.workflows[1]");
      expect(summary).toContain("Did you mean `Benchmarks`?");
      expect(summary).toContain("this repository's workflows are `Benchmarks`, `CI`, `Release`");
    });

    it("passes when the pull request adds the workflow it names", async () => {
      const sha = "4444444444444444444444444444444444444444";
      const sent: Body[] = [];
      nockPullFiles(2, [{ filename: ".github/kaizen.yml" }, { filename: ".github/workflows/bench.yml", status: "added" }]);
      nockConfig("benchmarks:\n  workflows: [Benchmark]\n", { ref: sha });
      nockListWorkflows(["CI"]);
      nock(GITHUB_API)
        .get(`/repos/${EXAMPLE_REPO.owner}/${EXAMPLE_REPO.repo}/contents/${encodeURIComponent(".github/workflows/bench.yml")}`)
        .query({ ref: sha })
        .reply(200, "name: Benchmark\non: pull_request\njobs: {}\n", { "content-type": "text/plain; charset=utf-8" });
      nockListCheckRuns({ ...EXAMPLE_REPO, sha, name: "Kaizen config", runs: [] });
      nockCreateCheckRun({ ...EXAMPLE_REPO, id: 74, sent });
      await deliver("synchronize", sha);
      expect(sent[0]).toMatchObject({ name: "Kaizen config", conclusion: "success" });
    });
  });

  describe("when the pull request does not touch the config", () => {
    it("writes no check run", async () => {
      const sha = "2222222222222222222222222222222222222222";
      const files = nockPullFiles(2, [{ filename: "README.md" }]);
      await deliver("synchronize", sha);
      // The job completed (a check-run call would have failed it: the network is closed) after reading the files.
      expect(files.isDone()).toBe(true);
    });
  });
});
