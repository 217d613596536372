/**
 * The address of a dashboard page of a repository (`/{owner}/{repo}/…`) under KAIZEN_PUBLIC_URL, each path segment
 * URI-encoded (a metric or benchmark name may hold spaces, slashes or `#`); null without a public URL, so comments
 * and issues show no link to a dashboard nobody can reach.
 */
export function dashboardUrl(publicUrl: string | undefined, repo: { owner: string; repo: string }, ...segments: string[]): string | null {
  if (!publicUrl) return null;
  return [publicUrl.replace(/\/+$/, ""), repo.owner, repo.repo, ...segments].map((s, i) => (i === 0 ? s : encodeURIComponent(s))).join("/");
}
