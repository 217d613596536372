import type { Probot } from "probot";
import type { AppDeps } from "../app-deps.js";
import { handleRepoApi } from "../http/repo-api.js";
import { installationClient } from "../github/installation-client.js";
import { withConfigCache } from "../github/cached-contents.js";
import { loadDoraConfig } from "./load-dora-config.js";
import { loadDoraReport } from "./load-dora-report.js";
import { findDoraRepo } from "./store/dora-deployments.js";
import { doraCsv } from "./format-dora.js";
import { weekStart } from "./model/dora-stats.js";

const DEFAULT_WEEKS = 12;
const DAY = 86_400_000;

/**
 * `GET /api/dora/{owner}/{repo}?environment=&from=&to=&interval=week&format=json|csv`: the five keys per week and
 * over the period, with the rule behind each figure and the evidence (changes, failed and rework deploys).
 * Access as for the radar API: the caller's token must read the repository at the app's GitHub; the data is
 * loaded by the repository id GitHub returns for that token. `from` defaults to twelve weeks before `to` (now),
 * from a Monday. 401 without a token, 400 for a bad parameter, 404 without access or data. The `dora:` settings come
 * from kaizen.yml through the config cache the jobs use (fresh for AppDeps.configFreshSeconds, forgotten on a push).
 */
export function handleDoraApi(app: Probot, deps: AppDeps) {
  return handleRepoApi(app, {
    names: ["dora"],
    notFound: "Not Found: no DORA data here, or the token cannot read this repository.",
    badQuery(url) {
      const params = readParams(url.searchParams, deps.now());
      return "problem" in params ? { status: 400, json: { message: params.problem } } : undefined;
    },
    async answer({ url, repoId }) {
      const params = readParams(url.searchParams, deps.now()) as Params;
      const known = await findDoraRepo(deps.pool, repoId);
      // Through the config cache: a request reads kaizen.yml from GitHub only when the cached copy is stale.
      const config = known ? await withConfigCache(deps, async () => loadDoraConfig(await installationClient(app, known.installationId), deps, known)) : null;
      if (!known || !config) return null;
      const report = await loadDoraReport(deps, known.repoId, config, params);
      if (params.format === "csv") return { status: 200, contentType: "text/csv; charset=utf-8", body: doraCsv(report) };
      return { status: 200, json: { repository: `${known.owner}/${known.repo}`, ...report } };
    },
  });
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
