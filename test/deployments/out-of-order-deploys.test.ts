import { permutations } from "../helpers/fake-benchmark-github.js";
import { startLoopbackGitHub } from "../helpers/loopback-github.js";
import { CREEP, creepDeployAt, creepKaizenYml, readPrometheusFixture } from "../helpers/prometheus-fixture.js";
import { startKaizen, waitForEvaluation, type RunningKaizen } from "../helpers/start-kaizen.js";
import { statefulGitHub } from "../helpers/stateful-github.js";
import { deploymentStatusPayload } from "../helpers/webhook-payloads.js";

// Issue 17 for deployments, end to end on the real queue against the test Prometheus. Six deploys go through in
// order and open the creep's drift issue (each deploy +2.5 %, 16 % in all). Then three more are delivered at once,
// their evaluations running concurrently, in every one of their 6 orders:
//   back  — creep latency returns to its old level (the drift recovers);
//   step  — `latency` steps up 50 % (a regression that stays);
//   after — half an hour later, nothing changes (its own windows both lie after the step).
// Whatever the order, the end is the one deploy order gives: the drift issue closed with one comment saying the level
// is back, the `latency` issue open with no comment, and no other issue.
const OWNER = "Codertocat";
const REPO = "Hello-World";
const CONFIG = creepKaizenYml(`  - name: latency
    query: kaizen_test_latency_seconds{env="{{environment}}"}
    unit: s
    better: lower
    threshold: 10%
`);

const sha = (k: number) => (k + 9).toString(16).padStart(2, "0").repeat(20);
/** Deploy k: its status time (unix seconds) and ids. */
function deployAt(k: number): { k: number; at: number } {
  const { stepAt } = readPrometheusFixture();
  if (k <= CREEP.deploys + 1) return { k, at: creepDeployAt(stepAt, k) };
  return { k, at: k === 20 ? stepAt : stepAt + 30 * 60 };
}
const BACK = CREEP.deploys + 1;
const STEP = 20;
const AFTER = 21;

async function deliver(kaizen: RunningKaizen, { k, at }: { k: number; at: number }): Promise<void> {
  const payload = deploymentStatusPayload({ statusId: 31_000 + k, deploymentId: 41_000 + k, createdAt: new Date(at * 1000), sha: sha(k) });
  await kaizen.probot.receive({ id: `order-delivery-${k}`, name: "deployment_status", payload } as never);
}
async function evaluated(kaizen: RunningKaizen, k: number): Promise<void> {
  expect(await waitForEvaluation(kaizen.pool, 31_000 + k, 60_000)).toBe("reported");
}

describe("deployment_status.created of deploys evaluated out of order", () => {
  const later = [BACK, STEP, AFTER];
  const name = (k: number) => (k === BACK ? "back" : k === STEP ? "step" : "after");
  it.each(permutations(later).map((order) => [order.map(name).join(" "), order] as const))(
    "ends with the issues deploy order gives when %s are evaluated in that order",
    async (_name, order) => {
      const github = statefulGitHub({ owner: OWNER, repo: REPO, config: CONFIG });
      const loopback = await startLoopbackGitHub(github.route);
      const kaizen = await startKaizen({ baseUrl: `http://${loopback.host}/api/v3` });
      try {
        for (let k = 1; k <= 6; k += 1) {
          await deliver(kaizen, deployAt(k));
          await evaluated(kaizen, k);
        }
        expect(github.issues.map((i) => [i.title, i.state])).toEqual([["Performance drift: creep latency in production", "open"]]);

        for (const k of order) await deliver(kaizen, deployAt(k));
        for (const k of order) await evaluated(kaizen, k);

        const { rows } = await kaizen.pool.query(`select metric_name as "metric", verdict from metric_results order by evaluation_id, metric_name`);
        expect(rows.filter((r) => r.verdict !== "no-change").map((r) => r.metric).sort()).toEqual(["creep latency", "latency"]);
        expect(github.issues.map((i) => ({ title: i.title, state: i.state, comments: i.comments.length }))).toEqual([
          { title: "Performance drift: creep latency in production", state: "closed", comments: 1 },
          { title: "Performance regression: latency in production", state: "open", comments: 0 },
        ]);
        expect(github.issues[0]!.comments[0]!.body).toMatch(/\*\*creep latency\*\* is back in \*\*production\*\*/);
      } finally {
        await kaizen.stop();
        await loopback.close();
      }
    },
  );
});
