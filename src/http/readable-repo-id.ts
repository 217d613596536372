/**
 * The id of the repository `owner/repo` as GitHub shows it to `token` (`GET /repos/{owner}/{repo}` at the
 * app's API base URL), or null when the token cannot read it: 401, 403 and 404 (a bad token, no access, no such
 * repository all look the same to the caller). Anything else is GitHub failing, thrown so the request is
 * answered as a gateway error.
 *
 * The id, not the name, is what data must be loaded by: a name moves with renames and transfers, so a private
 * repository's old name can be taken by a new public one that any token can read.
 */
export async function readableRepoId(baseUrl: string, token: string, { owner, repo }: { owner: string; repo: string }): Promise<number | null> {
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
  if ([401, 403, 404].includes(response.status)) {
    await response.body?.cancel();
    return null;
  }
  if (response.status !== 200) {
    await response.body?.cancel();
    throw new Error(`GitHub answered the access check with HTTP ${response.status}`);
  }
  const { id } = (await response.json()) as { id?: unknown };
  if (typeof id !== "number" || !Number.isSafeInteger(id)) throw new Error("GitHub answered the access check without a repository id");
  return id;
}
