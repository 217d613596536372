import type { IncomingMessage, ServerResponse } from "node:http";
import type { Probot } from "probot";
import type { AppDeps } from "../app-deps.js";
import { findAccessibleRepo } from "../http/has-repo-access.js";
import { installationClient } from "../github/installation-client.js";
import { loadDoraConfig } from "./load-dora-config.js";
import { loadDoraReport } from "./load-dora-report.js";
import { findDoraRepo } from "./store/dora-deployments.js";
import { doraCsv } from "./format-dora.js";
import { weekStart } from "./model/dora-stats.js";

const ROUTE = /^\/api\/dora\/([A-Za-z0-9_.-]+)\/([A-Za-z0-9_.-]+)\/?$/;
// One body for "no access" and "no data", so a response never tells whether a private repository exists.
const NOT_FOUND = { message: "Not Found: no DORA data here, or the token cannot read this repository." };
const DEFAULT_WEEKS = 12;
const DAY = 86_400_000;

/**
 * `GET /api/dora/{owner}/{repo}?environment=&from=&to=&interval=week&format=json|csv`: the five keys per week and
 * over the period, with the rule behind each figure and the evidence (changes, failed and rework deploys).
 * Access as for the radar API: the caller's token must read the repository at the app's GitHub; the data is
 * loaded by the repository id GitHub returns for that token. `from` defaults to twelve weeks before `to` (now),
 * from a Monday. 401 without a token, 400 for a bad parameter, 404 without access or data.
 */
export function handleDoraApi(app: Probot, deps: AppDeps) {
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
    const params = readParams(url.searchParams, deps.now());
    if ("problem" in params) {
      send(res, 400, { message: params.problem });
      return true;
    }

    const { baseUrl } = (await app.auth()).request.endpoint.DEFAULTS;
    let readable: { id: number } | null;
    try {
      readable = await findAccessibleRepo(baseUrl, token, { owner, repo });
    } catch (error) {
      app.log.warn({ err: error }, "DORA API: the GitHub access check failed");
      send(res, 502, { message: "GitHub did not answer the access check; try again later." });
      return true;
    }
    const known = readable ? await findDoraRepo(deps.pool, readable.id) : null;
    const config = known ? await loadDoraConfig(await installationClient(app, known.installationId), deps, known) : null;
    if (!known || !config) {
      send(res, 404, NOT_FOUND);
      return true;
    }
    const report = await loadDoraReport(deps, known.repoId, config, params);
    if (params.format === "csv") {
      res.writeHead(200, { "content-type": "text/csv; charset=utf-8", ...PRIVATE });
      res.end(doraCsv(report));
    } else {
      send(res, 200, { repository: `${known.owner}/${known.repo}`, ...report });
    }
    return true;
  };
}

type Params = { environment: string | null; from: Date; to: Date; format: "json" | "csv" };

function readParams(search: URLSearchParams, now: Date): Params | { problem: string } {
  const format = search.get("format") ?? "json";
  if (format !== "json" && format !== "csv") return { problem: `Unknown format "${format}"; use json or csv.` };
  const interval = search.get("interval") ?? "week";
  if (interval !== "week") return { problem: `Unknown interval "${interval}"; only week is supported.` };
  const to = search.get("to") ? new Date(search.get("to")!) : now;
  const from = search.get("from") ? new Date(search.get("from")!) : new Date(weekStart(to).getTime() - (DEFAULT_WEEKS - 1) * 7 * DAY);
  if (Number.isNaN(to.getTime()) || Number.isNaN(from.getTime())) return { problem: "from and to must be dates, like 2026-03-02 or 2026-03-02T10:00:00Z." };
  if (from >= to) return { problem: "from must be before to." };
  if (to.getTime() - from.getTime() > 5 * 366 * DAY) return { problem: "Ask for five years at most." };
  return { environment: search.get("environment") || null, from, to, format };
}

// Answers depend on the caller's token: no shared cache may keep them.
const PRIVATE = { "cache-control": "private, no-store", vary: "Authorization" };

function send(res: ServerResponse, status: number, body: object, headers: Record<string, string> = {}): void {
  res.writeHead(status, { "content-type": "application/json; charset=utf-8", ...PRIVATE, ...headers });
  res.end(`${JSON.stringify(body)}\n`);
}
