/**
 * Whether `token` can read `owner/repo`, asked of GitHub itself (`GET /repos/{owner}/{repo}` at the app's API
 * base URL): 200 yes; 401, 403 and 404 no (a bad token, no access, no such repository all look the same to
 * the caller). Anything else is GitHub failing, thrown so the request is answered as a gateway error.
 */
export async function hasRepoAccess(baseUrl: string, token: string, { owner, repo }: { owner: string; repo: string }): Promise<boolean> {
  const url = `${baseUrl.replace(/\/$/, "")}/repos/${encodeURIComponent(owner)}/${encodeURIComponent(repo)}`;
  const response = await fetch(url, {
    headers: {
      accept: "application/vnd.github+json",
      authorization: `Bearer ${token}`,
      "user-agent": "kaizen-radar-api",
      "x-github-api-version": "2022-11-28",
    },
    signal: AbortSignal.timeout(10_000),
  });
  await response.body?.cancel();
  if (response.status === 200) return true;
  if ([401, 403, 404].includes(response.status)) return false;
  throw new Error(`GitHub answered the access check with HTTP ${response.status}`);
}
