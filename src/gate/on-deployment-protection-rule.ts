import type { Context } from "probot";
import type { AppDeps } from "../app-deps.js";
import { isCallbackUrl } from "./model/check-callback-url.js";
import { recordGateRequest } from "./store/gate-requests.js";

/**
 * A deployment waiting on Kaizen as its protection rule: the request is stored and `decide-gate` queued; the
 * webhook is answered at once. A redelivery finds the stored request and queues nothing new (the first job's key),
 * so GitHub gets one answer. A callback URL that is not this repository's on the app's API host is never stored:
 * answering it would send the installation token elsewhere.
 */
export function handleDeploymentProtectionRule(deps: AppDeps) {
  return async (context: Context<"deployment_protection_rule.requested">): Promise<void> => {
    const { deployment, deployment_callback_url: callbackUrl, environment, repository, installation } = context.payload;
    if (!installation || !deployment || !callbackUrl) return;
    const owner = repository.owner.login;
    const repo = repository.name;
    const { baseUrl } = context.octokit.request.endpoint.DEFAULTS;
    if (!isCallbackUrl(callbackUrl, baseUrl, { owner, repo })) {
      context.log.warn({ callbackUrl, baseUrl }, "deployment_protection_rule: the callback URL is not on the GitHub API host; ignored");
      return;
    }
    const request = await recordGateRequest(deps.pool, {
      repoId: repository.id,
      owner,
      repo,
      installationId: installation.id,
      githubDeploymentId: deployment.id,
      environment: environment ?? deployment.environment,
      sha: deployment.sha,
      callbackUrl,
      repoUrl: repository.html_url,
      receivedAt: deps.now(),
    });
    if (request.decision) return;
    await deps.queue.send("decide-gate", { requestId: request.id, attempt: 0 }, { key: `${request.id}:0` });
  };
}
