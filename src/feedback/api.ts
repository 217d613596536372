import type { IncomingMessage, ServerResponse } from "node:http";
import type { Probot } from "probot";
import type { AppDeps } from "../app-deps.js";
import { parseDuration } from "../config/parse-duration.js";
import { findAccessibleRepo } from "../http/has-repo-access.js";
import { loadQuality } from "./load-quality.js";

const ROUTE = /^\/api\/quality\/([A-Za-z0-9_.-]+)\/([A-Za-z0-9_.-]+)\/?$/;
const DEFAULT_SINCE = "90d";
// Answers depend on the caller's token: no shared cache may keep them.
const PRIVATE = { "cache-control": "private, no-store", vary: "Authorization" };

/**
 * `GET /api/quality/{owner}/{repo}?since=90d`: alerts, false alarms, missed regressions, precision and recall per
 * metric and detector setting, per week, with the mutes and adjustments in force. The caller shows a GitHub token
 * (`Authorization: Bearer …`) that GitHub agrees can read the repository (the radar API's check); the data served
 * is the one stored under the id GitHub gave. 401 without a token, 400 for a bad `since`, 404 without access.
 */
export function handleQualityApi(app: Probot, deps: AppDeps) {
  return async (req: IncomingMessage, res: ServerResponse): Promise<boolean> => {
    const url = new URL(req.url ?? "/", "http://kaizen.invalid");
    const match = ROUTE.exec(url.pathname);
    if (req.method !== "GET" || !match) return false;
    const [, owner = "", repo = ""] = match;
    const token = /^Bearer\s+(\S+)\s*$/i.exec(req.headers.authorization ?? "")?.[1];
    if (!token) {
      send(res, 401, { message: "Send a GitHub token that can read the repository: `Authorization: Bearer <token>`." }, { "www-authenticate": 'Bearer realm="kaizen"' });
      return true;
    }
    const sinceText = url.searchParams.get("since") ?? DEFAULT_SINCE;
    const sinceMs = parseDuration(sinceText);
    if (sinceMs === null) {
      send(res, 400, { message: `"since" must be a duration like 30d or 12h, not "${sinceText.slice(0, 40)}".` });
      return true;
    }
    const { baseUrl } = (await app.auth()).request.endpoint.DEFAULTS;
    let repoId: number | null;
    try {
      repoId = (await findAccessibleRepo(baseUrl, token, { owner, repo }))?.id ?? null;
    } catch (error) {
      app.log.warn({ err: error }, "quality API: the GitHub access check failed");
      send(res, 502, { message: "GitHub did not answer the access check; try again later." });
      return true;
    }
    if (repoId === null) {
      send(res, 404, { message: "Not Found: the token cannot read this repository." });
      return true;
    }
    const now = deps.now();
    const report = await loadQuality(deps.pool, repoId, { since: new Date(now.getTime() - sinceMs), now });
    send(res, 200, { repository: { owner, repo }, ...report });
    return true;
  };
}

function send(res: ServerResponse, status: number, body: object, headers: Record<string, string> = {}): void {
  res.writeHead(status, { "content-type": "application/json; charset=utf-8", ...PRIVATE, ...headers });
  res.end(`${JSON.stringify(body)}\n`);
}
