/**
 * Whether `callbackUrl` is the deployment protection callback of `owner/repo` at the app's own GitHub API base URL
 * (`https://api.github.com`, or a GitHub Enterprise Server's `https://host/api/v3`). The URL comes from a webhook
 * payload: answering it with the installation token anywhere else would hand the token to that host.
 */
export function isCallbackUrl(callbackUrl: string, baseUrl: string, { owner, repo }: { owner: string; repo: string }): boolean {
  let url: URL;
  let base: URL;
  try {
    url = new URL(callbackUrl);
    base = new URL(baseUrl);
  } catch {
    return false;
  }
  if (url.origin !== base.origin || url.search !== "" || url.hash !== "" || url.username !== "" || url.password !== "") return false;
  const prefix = base.pathname.replace(/\/$/, "");
  const expected = new RegExp(`^${escape(prefix)}/repos/${escape(owner)}/${escape(repo)}/actions/runs/\\d+/deployment_protection_rule$`, "i");
  return expected.test(url.pathname);
}

const escape = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
