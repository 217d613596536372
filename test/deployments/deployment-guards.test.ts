import { deploymentStatusPayload, INSTALLATION_ID } from "../helpers/webhook-payloads.js";
import { waitForEvaluation } from "../helpers/start-kaizen.js";
import { useKaizen } from "../helpers/use-kaizen.js";
import { readPrometheusFixture } from "../helpers/prometheus-fixture.js";
import { EXAMPLE_REPO, nockConfig } from "../helpers/nock-app.js";
import { nockCreateCheckRun, nockListCheckRuns } from "../helpers/nock-github.js";

const SHA = "f95f852bd8fca8fcc58a9a2d6c842781e32a215e";
type Body = Record<string, any>;

describe("deployment_status.created", () => {
  const { stepAt } = readPrometheusFixture();
  let now = new Date();
  const kaizen = useKaizen({ localhost: true, now: () => now, accessToken: INSTALLATION_ID });
  beforeEach(() => {
    now = new Date();
  });

  async function deliver(statusId: number, options: { createdAt?: Date; environment?: string; state?: string } = {}) {
    const payload = deploymentStatusPayload({
      statusId,
      deploymentId: statusId,
      createdAt: options.createdAt ?? new Date(stepAt * 1000),
      ...options,
    });
    await kaizen.probot.receive({ id: `d-${statusId}`, name: "deployment_status", payload } as never);
  }
  async function evaluation(statusId: number) {
    const { rows } = await kaizen.pool.query("select * from evaluations where github_status_id = $1", [statusId]);
    return rows[0] as Record<string, any> | undefined;
  }

  describe("when the deployment did not succeed", () => {
    it("does not store or queue anything", async () => {
      await deliver(11, { state: "failure" });
      expect(await evaluation(11)).toBeUndefined();
    });
  });

  describe("when the repository has no .github/kaizen.yml", () => {
    it("skips the deployment without writing to GitHub", async () => {
      nockConfig(null);
      await deliver(12);
      expect(await waitForEvaluation(kaizen.pool, 12)).toBe("skipped");
    });
  });

  describe("when the environment is not configured", () => {
    it("skips the deployment", async () => {
      nockConfig("deployments:\n  environments: [production]\n");
      await deliver(13, { environment: "staging" });
      expect(await waitForEvaluation(kaizen.pool, 13)).toBe("skipped");
      expect((await evaluation(13))?.note).toContain("staging");
    });
  });

  describe("when the config is broken", () => {
    it("fails a 'Kaizen config' check run listing every problem with its fix", async () => {
      const sent: Body[] = [];
      nockConfig("deployments:\n  soak: soon\nmetrics:\n  - name: p95\n    query: up\n    threshold: lots\n    colour: red\n");
      nockListCheckRuns({ ...EXAMPLE_REPO, sha: SHA, name: "Kaizen config", runs: [] });
      nockCreateCheckRun({ ...EXAMPLE_REPO, id: 31, sent });
      await deliver(14);
      expect(await waitForEvaluation(kaizen.pool, 14)).toBe("config-error");
      expect(sent[0]).toMatchObject({ name: "Kaizen config", head_sha: SHA, conclusion: "failure" });
      const summary = String(sent[0]?.output.summary);
      for (const path of ["deployments.soak", "metrics[0].threshold", "metrics[0].colour"]) {
        expect(summary).toContain(path);
      }
    });
  });

  describe("when the candidate window has not closed yet", () => {
    it("schedules the evaluation for the end of the candidate window", async () => {
      nockConfig("deployments:\n  soak: 10m\n  window: 30m\n");
      const createdAt = new Date(Date.now() - 60_000);
      await deliver(15, { createdAt });
      const deadline = Date.now() + 10_000;
      while ((await evaluation(15))?.state !== "scheduled" && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      const row = await evaluation(15);
      expect(row?.state).toBe("scheduled");
      expect(new Date(row?.candidate_end).getTime()).toBe(createdAt.getTime() + 40 * 60_000);
      const { rows } = await kaizen.pool.query(
        "select start_after from pgboss.job where name = 'evaluate-deployment' and data->>'evaluationId' = $1",
        [String(row?.id)],
      );
      expect(new Date(rows[0].start_after).getTime()).toBe(createdAt.getTime() + 40 * 60_000);
    });
  });
});
