import type { Probot } from "probot";
import type { AppDeps } from "../app-deps.js";
import { loadRadar } from "./load-radar.js";
import { ExportNotPossible } from "./exports/export-not-possible.js";
import { RADAR_EXPORT_FORMATS, TREND_EXPORT_FORMATS } from "./exports/export-formats.js";
import { handleRepoApi } from "../http/repo-api.js";
import { withConfigCache } from "../github/cached-contents.js";
import type { RateLimitPolicy } from "../http/token-rate-limit.js";

/**
 * `GET /api/radar/{owner}/{repo}?format=json|byor-csv|zalando|backstage` and `GET /api/trends/{owner}/{repo}
 * ?format=json|csv`. The caller shows a GitHub token (`Authorization: Bearer …`) that GitHub, at the app's own
 * API base URL, agrees can read the repository; the answer is checked per request and never cached. The radar
 * served is the one stored under the repository id GitHub gave for that token, never one found by name.
 * 401 without a token, 400 for an unknown format, 404 without access or without a radar, 429 (with
 * `Retry-After`) past the token's rate limit, before GitHub is asked anything. The repository's config is read
 * through the config cache the jobs use: the installation's token, whose rate limit every job shares, reads
 * kaizen.yml only when the cached copy is stale (AppDeps.configFreshSeconds) or a push changed it.
 */
export function handleRadarApi(app: Probot, deps: AppDeps, rateLimit?: RateLimitPolicy) {
  const formatsOf = (name: string) => (name === "radar" ? RADAR_EXPORT_FORMATS : TREND_EXPORT_FORMATS);
  const formatName = (url: URL, name: string) => url.searchParams.get("format") ?? Object.keys(formatsOf(name))[0]!;
  return handleRepoApi(
    app,
    {
      names: ["radar", "trends"],
      notFound: "Not Found: no radar here, or the token cannot read this repository.",
      badQuery(url, name) {
        const formats = Object.keys(formatsOf(name));
        const format = formatName(url, name);
        if (formats.includes(format)) return undefined;
        return { status: 400, json: { message: `Unknown format "${format}"; use one of: ${formats.join(", ")}.`, formats } };
      },
      async answer({ url, name, repoId }) {
        const radar = await withConfigCache(deps, () => loadRadar(app, deps, repoId));
        if (!radar) return null;
        const format = formatName(url, name);
        try {
          return { status: 200, contentType: formatsOf(name)[format]!.contentType, body: formatsOf(name)[format]!.render(radar.snapshot) };
        } catch (error) {
          if (!(error instanceof ExportNotPossible)) throw error;
          return { status: 422, json: { message: `Cannot export as ${format}: ${error.message}.` } };
        }
      },
    },
    rateLimit,
  );
}
