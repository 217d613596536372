import { getEvaluation } from "../../../src/deployments/store/evaluations.js";
import { recordDeploymentStatus } from "../../../src/deployments/store/record-deployment-status.js";
import { useTestDatabase } from "../../helpers/test-database.js";
import { aDeployment, aStatus } from "../../helpers/seed-evaluation.js";

describe("recordDeploymentStatus", () => {
  const db = useTestDatabase();

  it("stores the deployment and a pending evaluation, GitHub-sized ids as numbers", async () => {
    const deployment = aDeployment();
    const status = aStatus();
    const recorded = await recordDeploymentStatus(db.pool, deployment, status);
    expect(recorded).toEqual({ id: expect.any(Number), state: "pending" });
    expect(await getEvaluation(db.pool, recorded!.id)).toMatchObject({ ...deployment, ...status, state: "pending" });
  });

  it("returns the same evaluation however often the status is delivered", async () => {
    const deployment = aDeployment();
    const status = aStatus();
    const first = await recordDeploymentStatus(db.pool, deployment, status);
    const redelivered = await recordDeploymentStatus(db.pool, deployment, { ...status, deliveryId: "another" });
    expect(redelivered).toEqual(first);
    const { rows } = await db.pool.query("select delivery_id from evaluations where github_status_id = $1", [
      status.githubStatusId,
    ]);
    expect(rows).toEqual([{ delivery_id: status.deliveryId }]);
  });

  it("records a burst of different deployments, arriving together, each with its own evaluation", async () => {
    const deployments = Array.from({ length: 40 }, (_, i) => aDeployment({ githubDeploymentId: 9_000 + i, environment: i % 2 ? "production" : "staging" }));
    const statuses = deployments.map(() => aStatus());
    const recorded = await Promise.all(deployments.map((d, i) => recordDeploymentStatus(db.pool, d, statuses[i]!)));
    expect(new Set(recorded.map((r) => r!.id)).size).toBe(40);
    for (const [i, r] of recorded.entries()) {
      expect(r!.state).toBe("pending");
      expect(await getEvaluation(db.pool, r!.id)).toMatchObject({ ...deployments[i], githubStatusId: statuses[i]!.githubStatusId });
    }
  });

  it("stores one evaluation when the same status arrives concurrently", async () => {
    const deployment = aDeployment();
    const status = aStatus();
    const results = await Promise.all(Array.from({ length: 5 }, () => recordDeploymentStatus(db.pool, deployment, status)));
    const ids = new Set(results.flatMap((r) => (r ? [r.id] : [])));
    expect(ids.size).toBe(1);
    const { rows } = await db.pool.query("select count(*)::int as n from evaluations where github_status_id = $1", [
      status.githubStatusId,
    ]);
    expect(rows[0]).toEqual({ n: 1 });
  });

  it("keeps one deployment row per GitHub deployment, refreshing what a later status can change", async () => {
    const deployment = aDeployment();
    const first = await recordDeploymentStatus(db.pool, deployment, aStatus());
    const later = { ...deployment, repo: "shop-renamed", url: null, installationId: 7 };
    const second = await recordDeploymentStatus(db.pool, later, aStatus());
    expect(second!.id).not.toBe(first!.id); // a new status is a new evaluation …
    const evaluation = await getEvaluation(db.pool, second!.id);
    expect(evaluation).toMatchObject({ repo: "shop-renamed", installationId: 7, url: deployment.url }); // url kept
    const { rows } = await db.pool.query("select count(*)::int as n from deployments where repo_id = $1", [deployment.repoId]);
    expect(rows[0]).toEqual({ n: 1 }); // … of the same deployment
  });

  it("keeps deployments of different repositories apart even with the same GitHub deployment id", async () => {
    const a = await recordDeploymentStatus(db.pool, aDeployment({ githubDeploymentId: 77 }), aStatus());
    const b = await recordDeploymentStatus(db.pool, aDeployment({ githubDeploymentId: 77 }), aStatus());
    const [ea, eb] = await Promise.all([getEvaluation(db.pool, a!.id), getEvaluation(db.pool, b!.id)]);
    expect(ea!.deploymentId).not.toBe(eb!.deploymentId);
  });
});
