import type { IncomingMessage, ServerResponse } from "node:http";
import type { Probot } from "probot";
import type { AppDeps } from "../app-deps.js";
import { loadRadar } from "./load-radar.js";
import { ExportNotPossible } from "./exports/export-not-possible.js";
import { RADAR_EXPORT_FORMATS, TREND_EXPORT_FORMATS } from "./exports/export-formats.js";
import { findAccessibleRepo } from "../http/has-repo-access.js";
import { tokenRateLimit, type RateLimitPolicy } from "../http/token-rate-limit.js";

const ROUTE = /^\/api\/(radar|trends)\/([A-Za-z0-9_.-]+)\/([A-Za-z0-9_.-]+)\/?$/;
// One body for "no access" and "no radar", so a response never tells whether a private radar exists.
const NOT_FOUND = { message: "Not Found: no radar here, or the token cannot read this repository." };

/**
 * `GET /api/radar/{owner}/{repo}?format=json|byor-csv|zalando|backstage` and `GET /api/trends/{owner}/{repo}
 * ?format=json|csv`. The caller shows a GitHub token (`Authorization: Bearer …`) that GitHub, at the app's own
 * API base URL, agrees can read the repository; the answer is checked per request and never cached. The radar
 * served is the one stored under the repository id GitHub gave for that token, never one found by name.
 * 401 without a token, 400 for an unknown format, 404 without access or without a radar, 429 (with
 * `Retry-After`) past the token's rate limit, before GitHub is asked anything: each answer reads the
 * repository's config with the installation's token, whose rate limit every job shares.
 */
export function handleRadarApi(app: Probot, deps: AppDeps, rateLimit?: RateLimitPolicy) {
  const limiter = tokenRateLimit(rateLimit);
  return async (req: IncomingMessage, res: ServerResponse): Promise<boolean> => {
    const url = new URL(req.url ?? "/", "http://kaizen.invalid");
    const match = ROUTE.exec(url.pathname);
    if (req.method !== "GET" || !match) return false;
    const [, kind, owner = "", repo = ""] = match;
    const formats = kind === "radar" ? RADAR_EXPORT_FORMATS : TREND_EXPORT_FORMATS;

    const token = /^Bearer\s+(\S+)\s*$/i.exec(req.headers.authorization ?? "")?.[1];
    if (!token) {
      send(res, 401, { message: "Send a GitHub token that can read the repository: `Authorization: Bearer <token>`." }, {
        "www-authenticate": 'Bearer realm="kaizen"',
      });
      return true;
    }
    const wait = limiter.take(token);
    if (wait > 0) {
      send(res, 429, { message: `Too many requests with this token; try again in ${wait} s.` }, { "retry-after": String(wait) });
      return true;
    }
    const name = url.searchParams.get("format") ?? Object.keys(formats)[0]!;
    const format = formats[name];
    if (!format) {
      send(res, 400, { message: `Unknown format "${name}"; use one of: ${Object.keys(formats).join(", ")}.`, formats: Object.keys(formats) });
      return true;
    }

    const { baseUrl } = (await app.auth()).request.endpoint.DEFAULTS;
    let repoId: number | null;
    try {
      repoId = (await findAccessibleRepo(baseUrl, token, { owner, repo }))?.id ?? null;
    } catch (error) {
      app.log.warn({ err: error }, "radar API: the GitHub access check failed");
      send(res, 502, { message: "GitHub did not answer the access check; try again later." });
      return true;
    }
    const radar = repoId === null ? null : await loadRadar(app, deps, repoId);
    if (!radar) {
      send(res, 404, NOT_FOUND);
      return true;
    }
    try {
      const body = format.render(radar.snapshot);
      res.writeHead(200, { "content-type": format.contentType, ...PRIVATE });
      res.end(body);
    } catch (error) {
      if (!(error instanceof ExportNotPossible)) throw error;
      send(res, 422, { message: `Cannot export as ${name}: ${error.message}.` });
    }
    return true;
  };
}

// Answers depend on the caller's token: no shared cache may keep them.
const PRIVATE = { "cache-control": "private, no-store", vary: "Authorization" };

function send(res: ServerResponse, status: number, body: object, headers: Record<string, string> = {}): void {
  res.writeHead(status, { "content-type": "application/json; charset=utf-8", ...PRIVATE, ...headers });
  res.end(`${JSON.stringify(body)}\n`);
}
