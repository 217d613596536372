import nock from "nock";
import { GITHUB_API } from "./nock-github.js";

/** The repository of the @octokit/webhooks-examples payloads. */
export const EXAMPLE_REPO = { owner: "Codertocat", repo: "Hello-World" } as const;

/** The installation token exchange every job starts with. */
export function nockAccessToken(installationId: number): nock.Scope {
  return nock(GITHUB_API)
    .post(`/app/installations/${installationId}/access_tokens`)
    .reply(201, { token: "ghs_test", expires_at: new Date(Date.now() + 3600e3).toISOString(), permissions: {} });
}

/**
 * `.github/kaizen.yml` as Probot's config plugin reads it (raw media type). `null` plays a repository without
 * the file, which makes the plugin also look in the owner's `.github` repository.
 */
export function nockConfig(yaml: string | null, options: { owner?: string; repo?: string; ref?: string } = {}): nock.Scope {
  const { owner = EXAMPLE_REPO.owner, repo = EXAMPLE_REPO.repo } = options;
  const path = `/repos/${owner}/${repo}/contents/${encodeURIComponent(".github/kaizen.yml")}`;
  const scope = nock(GITHUB_API);
  const interceptor = options.ref ? scope.get(path).query({ ref: options.ref }) : scope.get(path);
  if (yaml !== null) return interceptor.reply(200, yaml, { "content-type": "text/plain; charset=utf-8" });
  interceptor.reply(404, { message: "Not Found" });
  return scope
    .get(`/repos/${owner}/.github/contents/${encodeURIComponent(".github/kaizen.yml")}`)
    .reply(404, { message: "Not Found" });
}

/** The files a pull request changes. */
export function nockPullFiles(
  pullNumber: number,
  files: Array<{ filename: string; status?: string }>,
  options: { owner?: string; repo?: string } = {},
): nock.Scope {
  const { owner = EXAMPLE_REPO.owner, repo = EXAMPLE_REPO.repo } = options;
  return nock(GITHUB_API)
    .get(`/repos/${owner}/${repo}/pulls/${pullNumber}/files`)
    .query({ per_page: "100" })
    .reply(200, files.map((f) => ({ filename: f.filename, status: f.status ?? "modified" })));
}
