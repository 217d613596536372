import type { IncomingMessage, ServerResponse } from "node:http";
import type { Probot } from "probot";
import { findAccessibleRepo } from "./has-repo-access.js";
import { tokenRateLimit, type RateLimitPolicy } from "./token-rate-limit.js";

/** A repository API's answer: JSON with any status, or a 200 body of its own content type (CSV, an export). */
export type RepoApiAnswer = { status: number; json: object; headers?: Record<string, string> } | { status: 200; contentType: string; body: string };

export interface RepoApiRequest {
  url: URL;
  /** The first path segment after /api/ (`radar` or `trends` for the radar API). */
  name: string;
  owner: string;
  repo: string;
  /** The id GitHub gave for the repository the caller's token can read: data is loaded by it, never by name. */
  repoId: number;
}

export interface RepoApi {
  /** The names after `/api/` this API answers: `/api/{name}/{owner}/{repo}`. */
  names: readonly string[];
  /** Said in a 404, which is the same for "no access" and "no data" so it never tells whether a private repository exists. */
  notFound: string;
  /** A bad query answered 400 before GitHub is asked anything; undefined when the query is fine. */
  badQuery?(url: URL, name: string): RepoApiAnswer | undefined;
  /** The answer for a repository the caller can read; null when Kaizen has nothing for it (404). */
  answer(request: RepoApiRequest): Promise<RepoApiAnswer | null>;
}

// Answers depend on the caller's token: no shared cache may keep them.
const PRIVATE = { "cache-control": "private, no-store", vary: "Authorization" };

/**
 * `GET /api/{name}/{owner}/{repo}` with what every Kaizen API shares: the caller shows a GitHub token
 * (`Authorization: Bearer …`; the dashboard's session supplies one) that GitHub, at the app's own API base URL,
 * agrees can read the repository, checked per request; a token past its rate limit gets 429 with `Retry-After`
 * before GitHub is asked anything. 401 without a token, 400 for a bad query, 502 when GitHub does not answer the
 * access check, 404 without access or without data.
 */
export function handleRepoApi(app: Probot, api: RepoApi, rateLimit?: RateLimitPolicy) {
  const route = new RegExp(`^/api/(${api.names.join("|")})/([A-Za-z0-9_.-]+)/([A-Za-z0-9_.-]+)/?$`);
  const limiter = tokenRateLimit(rateLimit);
  return async (req: IncomingMessage, res: ServerResponse): Promise<boolean> => {
    const url = new URL(req.url ?? "/", "http://kaizen.invalid");
    const match = route.exec(url.pathname);
    if (req.method !== "GET" || !match) return false;
    const [, name = "", owner = "", repo = ""] = match;
    const token = /^Bearer\s+(\S+)\s*$/i.exec(req.headers.authorization ?? "")?.[1];
    if (!token) {
      const message = "Send a GitHub token that can read the repository: `Authorization: Bearer <token>`.";
      return send(res, { status: 401, json: { message }, headers: { "www-authenticate": 'Bearer realm="kaizen"' } });
    }
    const wait = limiter.take(token);
    if (wait > 0) return send(res, { status: 429, json: { message: `Too many requests with this token; try again in ${wait} s.` }, headers: { "retry-after": String(wait) } });
    const bad = api.badQuery?.(url, name);
    if (bad) return send(res, bad);
    const { baseUrl } = (await app.auth()).request.endpoint.DEFAULTS;
    let repoId: number | null;
    try {
      repoId = (await findAccessibleRepo(baseUrl, token, { owner, repo }))?.id ?? null;
    } catch (error) {
      app.log.warn({ err: error }, `${name} API: the GitHub access check failed`);
      return send(res, { status: 502, json: { message: "GitHub did not answer the access check; try again later." } });
    }
    const answer = repoId === null ? null : await api.answer({ url, name, owner, repo, repoId });
    return send(res, answer ?? { status: 404, json: { message: api.notFound } });
  };
}

function send(res: ServerResponse, answer: RepoApiAnswer): true {
  if ("json" in answer) {
    res.writeHead(answer.status, { "content-type": "application/json; charset=utf-8", ...PRIVATE, ...answer.headers });
    res.end(`${JSON.stringify(answer.json)}\n`);
  } else {
    res.writeHead(200, { "content-type": answer.contentType, ...PRIVATE });
    res.end(answer.body);
  }
  return true;
}
