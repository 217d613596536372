/**
 * Whether `token` can read `owner/repo`, asked of GitHub itself (`GET /repos/{owner}/{repo}` at the app's API
 * base URL): 200 yes; 401, 403 and 404 no (a bad token, no access, no such repository all look the same to
 * the caller). Anything else is GitHub failing, thrown so the request is answered as a gateway error.
 */
export async function hasRepoAccess(baseUrl: string, token: string, target: { owner: string; repo: string }): Promise<boolean> {
  const response = await askRepo(baseUrl, token, target);
  await response?.body?.cancel();
  return response !== null;
}

/**
 * The repository as GitHub shows it to `token`, or null when the token cannot read it (the same rules as
 * hasRepoAccess). Data is loaded by its id, which survives renames and transfers.
 */
export async function findAccessibleRepo(
  baseUrl: string,
  token: string,
  target: { owner: string; repo: string },
): Promise<{ id: number; owner?: string; name?: string; defaultBranch?: string } | null> {
  const response = await askRepo(baseUrl, token, target);
  if (!response) return null;
  const body = (await response.json()) as { id?: unknown; name?: unknown; owner?: { login?: unknown }; default_branch?: unknown };
  if (typeof body.id !== "number") throw new Error("GitHub answered the access check without a repository id");
  const text = (value: unknown) => (typeof value === "string" ? value : undefined);
  return { id: body.id, owner: text(body.owner?.login), name: text(body.name), defaultBranch: text(body.default_branch) };
}

async function askRepo(baseUrl: string, token: string, { owner, repo }: { owner: string; repo: string }): Promise<Response | null> {
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
  if (response.status === 200) return response;
  await response.body?.cancel();
  if ([401, 403, 404].includes(response.status)) return null;
  throw new Error(`GitHub answered the access check with HTTP ${response.status}`);
}
