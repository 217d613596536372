import type { NewDeployment } from "../../src/deployments/store/deployments.js";
import { getEvaluation, type EvaluationContext } from "../../src/deployments/store/evaluations.js";
import type { Queryable } from "../../src/db/queryable.js";
import { recordDeploymentStatus, type NewDeploymentStatus } from "../../src/deployments/store/record-deployment-status.js";

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

/** A deployment status as the webhook carries it; a new GitHub status id each call. */
export function aStatus(overrides: Partial<NewDeploymentStatus> = {}): NewDeploymentStatus {
  const n = next++;
  return {
    githubStatusId: 9_000_000_000 + n,
    statusCreatedAt: new Date("2026-03-01T12:00:00Z"),
    deliveryId: `delivery-${n}`,
    ...overrides,
  };
}

/** Stores a deployment and one pending evaluation of it, as the webhook does. */
export async function seedEvaluation(
  db: Queryable,
  overrides: Partial<NewDeployment> = {},
  statusOverrides: Partial<NewDeploymentStatus> = {},
): Promise<{ deployment: NewDeployment; status: NewDeploymentStatus; evaluation: EvaluationContext }> {
  const deployment = aDeployment(overrides);
  const status = aStatus(statusOverrides);
  const recorded = await recordDeploymentStatus(db, deployment, status);
  const evaluation = recorded && (await getEvaluation(db, recorded.id));
  if (!evaluation) throw new Error("the seeded evaluation was not stored");
  return { deployment, status, evaluation };
}
