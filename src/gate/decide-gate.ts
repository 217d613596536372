import type { Probot } from "probot";
import type { AppDeps } from "../app-deps.js";
import { loadRepoConfig } from "../config/load-repo-config.js";
import { findEvaluationOfSha, listMetricVerdicts, type MetricVerdictRow } from "../db/evaluation-verdicts.js";
import { findMute, listActiveMutes } from "../db/verdict-feedback.js";
import { installationClient } from "../github/installation-client.js";
import type { GitHubClient } from "../github/github-client.js";
import { formatDuration } from "../config/parse-duration.js";
import { answerProtectionRule } from "./github.js";
import { isCallbackUrl } from "./model/check-callback-url.js";
import { judgeGate, type GateJudgement } from "./model/judge-gate.js";
import { nextGateLook } from "./model/next-gate-look.js";
import { decideGateRequest, getGateRequest, markGateAnswered, type GateRequestRow } from "./store/gate-requests.js";
import { renderGateTemplate, type GateAnswerContext } from "./templates.js";

/**
 * Decides one deployment protection request and answers GitHub, once.
 *
 * 1. request — already answered: nothing to do; decided but not answered (a retry after GitHub failed): answer.
 * 2. config  — the repository's `gate.environments` entry for the environment; none (or no usable config) rejects
 *              with the config problem: a gate Kaizen cannot judge never opens silently.
 * 3. verdict — the same commit's evaluation in the `after` environment (model/judge-gate.ts).
 * 4. wait    — pending: look again later (model/next-gate-look.ts); at `wait`, reject as not evaluated in time.
 * 5. decide  — compare-and-set, so whichever run decides first is the only answer.
 * 6. answer  — POST to the callback URL (checked to be this repository's, on the app's API host), then recorded.
 */
export async function decideGate(app: Probot, deps: AppDeps, job: { requestId: number; attempt: number }): Promise<void> {
  const request = await getGateRequest(deps.pool, job.requestId);
  if (!request || request.answeredAt) return;
  const octokit = await installationClient(app, request.installationId);
  if (request.decision) return answer(octokit, deps, request);

  const judged = await judge(octokit, deps, request);
  if (judged.kind === "wait") {
    await deps.queue.send("decide-gate", { requestId: request.id, attempt: job.attempt + 1 }, { key: `${request.id}:${job.attempt + 1}`, startAfter: judged.until });
    return;
  }
  const decided = await decideGateRequest(deps.pool, request.id, { ...judged.decision, at: deps.now() });
  await answer(octokit, deps, decided);
}

type Decision = { decision: "approved" | "rejected"; reason: string; comment: string };

async function judge(octokit: GitHubClient, deps: AppDeps, request: GateRequestRow): Promise<{ kind: "wait"; until: Date } | { kind: "decided"; decision: Decision }> {
  const { owner, repo, environment } = request;
  const reject = (reason: string, after = environment): { kind: "decided"; decision: Decision } => ({
    kind: "decided",
    decision: { decision: "rejected", reason, comment: comment(request, { approved: false, after, reason, regressions: [], evidenceUrl: null }) },
  });

  const loaded = await loadRepoConfig(octokit, { owner, repo }, deps.sources.names());
  if (loaded.status === "missing") return reject("the repository has no .github/kaizen.yml, so Kaizen cannot judge this deployment");
  if (loaded.status === "invalid") {
    return reject(`.github/kaizen.yml has ${loaded.problems.length} problem(s) (${loaded.problems.map((p) => p.path).join(", ")}); see the "Kaizen config" check`);
  }
  const gated = loaded.config.gate.environments[environment];
  if (!gated) {
    return reject(`${environment} uses Kaizen as a deployment protection rule, but .github/kaizen.yml has no gate.environments.${environment} (add \`${environment}: { after: staging, wait: 45m }\`)`);
  }

  const evaluation = await findEvaluationOfSha(deps.pool, { repoId: request.repoId, environment: gated.after, sha: request.sha });
  // A metric muted with `/kaizen mute` is measured and shown, but its regression blocks no deployment.
  const mutes = await listActiveMutes(deps.pool, request.repoId, deps.now());
  const measured = evaluation?.state === "reported" ? await listMetricVerdicts(deps.pool, evaluation.id) : [];
  const verdicts = measured.filter((v) => !(v.verdict === "regression" && findMute(mutes, v.metricName)));
  const judgement: GateJudgement<MetricVerdictRow> = judgeGate(evaluation, verdicts, gated.after);
  if (judgement.kind === "pending") {
    const deadline = new Date(request.receivedAt.getTime() + gated.wait);
    const until = nextGateLook(deps.now(), deadline, gated.wait);
    if (until) return { kind: "wait", until };
    return reject(`not evaluated in time: ${judgement.reason} after waiting ${formatDuration(gated.wait)}`, gated.after);
  }
  const evidenceUrl = evaluation?.checkRunId ? `${request.repoUrl}/runs/${evaluation.checkRunId}` : null;
  const approved = judgement.kind === "approve";
  const regressions = judgement.kind === "reject" ? judgement.regressions : [];
  return {
    kind: "decided",
    decision: {
      decision: approved ? "approved" : "rejected",
      reason: judgement.reason,
      comment: comment(request, { approved, after: gated.after, reason: judgement.reason, regressions, evidenceUrl }),
    },
  };
}

function comment(request: GateRequestRow, parts: Omit<GateAnswerContext, "environment" | "sha">): string {
  return renderGateTemplate("gate-answer", { ...parts, environment: request.environment, sha: request.sha }).trim();
}

async function answer(octokit: GitHubClient, deps: AppDeps, request: GateRequestRow): Promise<void> {
  if (!request.decision || request.comment === null) return;
  const { baseUrl } = octokit.request.endpoint.DEFAULTS;
  if (!isCallbackUrl(request.callbackUrl, baseUrl, request)) {
    // Stored by the handler only after the same check: reaching this means the API host changed since.
    throw new Error(`gate request ${request.id}: the callback URL is not this repository's on ${baseUrl}; not answering`);
  }
  await answerProtectionRule(octokit, request.callbackUrl, { environment: request.environment, state: request.decision, comment: request.comment });
  await markGateAnswered(deps.pool, request.id, deps.now());
}
