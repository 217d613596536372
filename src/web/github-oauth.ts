import { exchangeWebFlowCode, getWebFlowAuthorizationUrl } from "@octokit/oauth-methods";
import { Octokit } from "@octokit/rest";

/** GitHub's web address for its API base URL: api.github.com → github.com; a GitHub Enterprise `/api/v3` → its host. */
export function githubWebUrl(apiBaseUrl: string): string {
  const base = apiBaseUrl.replace(/\/+$/, "");
  if (/^https:\/\/api\.github\.com$/.test(base)) return "https://github.com";
  return base.replace(/\/api\/v3$/, "");
}

/**
 * The GitHub side of login (the OAuth web flow of the GitHub App, at the app's own GitHub: github.com or the
 * GitHub Enterprise host Probot was given through GHE_HOST, so the same base URL serves API and login).
 */
export interface GitHubOAuth {
  authorizationUrl(input: { state: string; redirectUrl: string }): string;
  /** The user's token for the code GitHub sent back to the callback. */
  exchangeCode(input: { code: string; redirectUrl: string }): Promise<string>;
  /** The login of the token's user. */
  getLogin(token: string): Promise<string>;
}

export function githubOAuth(apiBaseUrl: string, client: { clientId: string; clientSecret: string }): GitHubOAuth {
  const { request } = new Octokit({ baseUrl: apiBaseUrl, userAgent: "kaizen-dashboard", request: { timeout: 10_000 } });
  return {
    authorizationUrl: ({ state, redirectUrl }) =>
      // A GitHub App's user token carries the app's permissions, not scopes: none are asked for.
      getWebFlowAuthorizationUrl({ clientType: "github-app", clientId: client.clientId, redirectUrl, state, request }).url,
    async exchangeCode({ code, redirectUrl }) {
      const { authentication } = await exchangeWebFlowCode({ clientType: "github-app", ...client, code, redirectUrl, request });
      return authentication.token;
    },
    async getLogin(token) {
      const { data } = await request("GET /user", { headers: { authorization: `token ${token}` } });
      return data.login;
    },
  };
}
