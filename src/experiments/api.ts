import type { Probot } from "probot";
import type { AppDeps } from "../app-deps.js";
import { handleRepoApi } from "../http/repo-api.js";
import { listExperimentMentions, listExperiments } from "./store/experiments.js";

/**
 * `GET /api/experiments/{owner}/{repo}`: the repository's experiments with their hypotheses, outcomes, evidence and
 * the issues they mention (radar items among them). Access, rate limit and errors as for every Kaizen API
 * (http/repo-api.ts).
 */
export function handleExperimentsApi(app: Probot, deps: AppDeps) {
  return handleRepoApi(app, {
    names: ["experiments"],
    notFound: "Not Found: no experiments here, or the token cannot read this repository.",
    async answer({ repoId }) {
      const [experiments, mentions] = await Promise.all([listExperiments(deps.pool, repoId), listExperimentMentions(deps.pool, repoId)]);
      return {
        status: 200,
        json: {
          experiments: experiments.map((e) => ({
            issue: e.issueNumber,
            title: e.title,
            state: e.state,
            metric: e.metricName,
            environment: e.environment,
            expect: e.expectation?.text ?? null,
            problem: e.problem,
            pull: e.prNumber,
            merge_sha: e.mergeSha,
            evaluation_id: e.evaluationId,
            evidence: e.outcome,
            decided_at: e.decidedAt?.toISOString() ?? null,
            mentions: mentions.get(e.issueNumber) ?? [],
          })),
        },
      };
    },
  });
}
