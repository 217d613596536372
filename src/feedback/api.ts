import type { Probot } from "probot";
import type { AppDeps } from "../app-deps.js";
import { parseDuration } from "../config/parse-duration.js";
import { handleRepoApi } from "../http/repo-api.js";
import { loadQuality } from "./load-quality.js";

const DEFAULT_SINCE = "90d";

/**
 * `GET /api/quality/{owner}/{repo}?since=90d`: alerts, false alarms, missed regressions, precision and recall per
 * metric and detector setting, per week, with the mutes and adjustments in force. Access, rate limit and errors as
 * for every Kaizen API (http/repo-api.ts); 400 for a bad `since`.
 */
export function handleQualityApi(app: Probot, deps: AppDeps) {
  return handleRepoApi(app, {
    names: ["quality"],
    notFound: "Not Found: the token cannot read this repository.",
    badQuery(url) {
      const since = url.searchParams.get("since") ?? DEFAULT_SINCE;
      if (parseDuration(since) !== null) return undefined;
      return { status: 400, json: { message: `"since" must be a duration like 30d or 12h, not "${since.slice(0, 40)}".` } };
    },
    async answer({ url, owner, repo, repoId }) {
      const sinceMs = parseDuration(url.searchParams.get("since") ?? DEFAULT_SINCE)!;
      const now = deps.now();
      const report = await loadQuality(deps.pool, repoId, { since: new Date(now.getTime() - sinceMs), now });
      return { status: 200, json: { repository: { owner, repo }, ...report } };
    },
  });
}
