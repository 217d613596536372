import type { IncomingMessage, ServerResponse } from "node:http";
import type { Probot } from "probot";
import type { AppDeps } from "../app-deps.js";
import { findAccessibleRepo } from "../http/has-repo-access.js";
import { listExperimentMentions, listExperiments } from "./store/experiments.js";

const ROUTE = /^\/api\/experiments\/([A-Za-z0-9_.-]+)\/([A-Za-z0-9_.-]+)\/?$/;
// Answers depend on the caller's token: no shared cache may keep them.
const PRIVATE = { "cache-control": "private, no-store", vary: "Authorization" };

/**
 * `GET /api/experiments/{owner}/{repo}`: the repository's experiments with their hypotheses, outcomes, evidence and
 * the issues they mention (radar items among them). Access as for the radar API: the caller's GitHub token must
 * read the repository at the app's API base URL, and the data is loaded by the id GitHub returns for it.
 */
export function handleExperimentsApi(app: Probot, deps: AppDeps) {
  return async (req: IncomingMessage, res: ServerResponse): Promise<boolean> => {
    const url = new URL(req.url ?? "/", "http://kaizen.invalid");
    const match = ROUTE.exec(url.pathname);
    if (req.method !== "GET" || !match) return false;
    const [, owner = "", repo = ""] = match;
    const token = /^Bearer\s+(\S+)\s*$/i.exec(req.headers.authorization ?? "")?.[1];
    if (!token) {
      send(res, 401, { message: "Send a GitHub token that can read the repository: `Authorization: Bearer <token>`." });
      return true;
    }
    const { baseUrl } = (await app.auth()).request.endpoint.DEFAULTS;
    let found: { id: number } | null;
    try {
      found = await findAccessibleRepo(baseUrl, token, { owner, repo });
    } catch (error) {
      app.log.warn({ err: error }, "experiments API: the GitHub access check failed");
      send(res, 502, { message: "GitHub did not answer the access check; try again later." });
      return true;
    }
    if (!found) {
      send(res, 404, { message: "Not Found: no experiments here, or the token cannot read this repository." });
      return true;
    }
    const [experiments, mentions] = await Promise.all([listExperiments(deps.pool, found.id), listExperimentMentions(deps.pool, found.id)]);
    send(res, 200, {
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
    });
    return true;
  };
}

function send(res: ServerResponse, status: number, body: object): void {
  res.writeHead(status, { "content-type": "application/json; charset=utf-8", ...PRIVATE });
  res.end(`${JSON.stringify(body)}\n`);
}
