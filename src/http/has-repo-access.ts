/**
 * Whether `token` can read `owner/repo`, asked of GitHub itself (`GET /repos/{owner}/{repo}` at the app's API
 * base URL): 200 yes; 401, 403 and 404 no (a bad token, no access, no such repository all look the same to
 * the caller). Anything else is GitHub failing, thrown so the request is answered as a gateway error.
 */
export async function hasRepoAccess(baseUrl: string, token: string, repo: { owner: string; repo: string }): Promise<boolean> {
  const response = await requestRepo(baseUrl, token, repo);
  await response.body?.cancel();
  return isReadable(response);
}

/**
 * The id GitHub gives the repository `token` can read — data is loaded by it, so the answer is about the very
 * repository the token was checked against, even after a rename or transfer — or null without access.
 */
export async function findReadableRepo(baseUrl: string, token: string, repo: { owner: string; repo: string }): Promise<{ id: number } | null> {
  const response = await requestRepo(baseUrl, token, repo);
  if (response.status !== 200) {
    await response.body?.cancel();
    isReadable(response);
    return null;
  }
  const body = (await response.json()) as { id?: unknown };
  if (typeof body.id !== "number") throw new Error("GitHub answered the access check without a repository id");
  return { id: body.id };
}

function requestRepo(baseUrl: string, token: string, { owner, repo }: { owner: string; repo: string }): Promise<Response> {
  const url = `${baseUrl.replace(/\/$/, "")}/repos/${encodeURIComponent(owner)}/${encodeURIComponent(repo)}`;
  return fetch(url, {
    headers: {
      accept: "application/vnd.github+json",
      authorization: `Bearer ${token}`,
      "user-agent": "kaizen-radar-api",
      "x-github-api-version": "2022-11-28",
    },
    signal: AbortSignal.timeout(10_000),
  });
}

function isReadable(response: Response): boolean {
  if (response.status === 200) return true;
  if ([401, 403, 404].includes(response.status)) return false;
  throw new Error(`GitHub answered the access check with HTTP ${response.status}`);
}
