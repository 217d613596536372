import { upsertDeployment, type DeploymentRow, type NewDeployment } from "../../../src/db/deployments.js";
import { insertEvaluation, type EvaluationRow } from "../../../src/db/evaluations.js";
import type { Queryable } from "../../../src/db/queryable.js";

let next = 1;

/** A deployment as a deployment_status webhook would describe it; ids are GitHub-sized (above 2^31). */
export function aDeployment(overrides: Partial<NewDeployment> = {}): NewDeployment {
  const n = next++;
  return {
    repoId: 4_100_000_000 + n,
    owner: "octo-org",
    repo: "shop",
    installationId: 3_900_000_000,
    githubDeploymentId: 5_200_000_000 + n,
    environment: "production",
    sha: "a".repeat(40),
    ref: "main",
    url: "https://ci.example/deploys/1",
    ...overrides,
  };
}

/** Stores a deployment and one pending evaluation of it. */
export async function seedEvaluation(
  db: Queryable,
  overrides: Partial<NewDeployment> = {},
): Promise<{ deployment: DeploymentRow; evaluation: EvaluationRow }> {
  const deployment = await upsertDeployment(db, aDeployment(overrides));
  const { evaluation } = await insertEvaluation(db, {
    deploymentId: deployment.id,
    githubStatusId: 9_000_000_000 + next++,
    statusCreatedAt: new Date("2026-03-01T12:00:00Z"),
    deliveryId: `delivery-${next}`,
  });
  return { deployment, evaluation };
}
