import { createRequire } from "node:module";

// Read as data: Jest's ESM loader warns on JSON imports whose attribute the transform drops.
const examples: unknown = createRequire(import.meta.url)("@octokit/webhooks-examples/api.github.com/index.json");

/** Real example payloads from @octokit/webhooks-examples, adjusted per test (they ship without `installation`). */
export const INSTALLATION_ID = 2;

type Example = { name: string; examples: Array<Record<string, unknown>> };

function example(name: string, action: string): Record<string, any> {
  const family = (examples as unknown as Example[]).find((e) => e.name === name);
  const payload = family?.examples.find((e) => e["action"] === action);
  if (!payload) throw new Error(`no ${name}.${action} example in @octokit/webhooks-examples`);
  return structuredClone(payload) as Record<string, any>;
}

export interface DeploymentStatusOptions {
  statusId?: number;
  deploymentId?: number;
  createdAt: Date;
  environment?: string;
  state?: string;
  sha?: string;
}

/** A `deployment_status.created` payload (Codertocat/Hello-World) for a deployment finished at `createdAt`. */
export function deploymentStatusPayload(options: DeploymentStatusOptions): Record<string, any> {
  const payload = example("deployment_status", "created");
  const environment = options.environment ?? "production";
  payload["installation"] = { id: INSTALLATION_ID };
  Object.assign(payload["deployment_status"], {
    id: options.statusId ?? payload["deployment_status"].id,
    state: options.state ?? "success",
    environment,
    created_at: options.createdAt.toISOString(),
    updated_at: options.createdAt.toISOString(),
    log_url: "https://ci.example.com/deploys/1",
  });
  Object.assign(payload["deployment"], {
    id: options.deploymentId ?? payload["deployment"].id,
    environment,
    sha: options.sha ?? payload["deployment"].sha,
  });
  return payload;
}

/** A `pull_request.<action>` payload with an installation. */
export function pullRequestPayload(action: "opened" | "synchronize" | "reopened", headSha?: string): Record<string, any> {
  const payload = example("pull_request", action);
  payload["installation"] = { id: INSTALLATION_ID };
  if (headSha) payload["pull_request"].head.sha = headSha;
  return payload;
}
