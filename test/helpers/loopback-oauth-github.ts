import { startLoopbackGitHub, type LoopbackGitHub } from "./loopback-github.js";

export const CLIENT_ID = "Iv1.kaizen-test";
export const CLIENT_SECRET = "kaizen-test-client-secret";

export interface OAuthGitHub extends LoopbackGitHub {
  /** Who the next visit to GitHub's authorize page signs in as (GitHub's own session, in the real thing). */
  signInAs(login: string): void;
}

/**
 * A loopback GitHub Enterprise for dashboard tests: the OAuth web flow (authorize redirects back with a code and
 * the state it was given; the code is exchanged for a token only with the right client id, secret and
 * redirect URL), `GET /user`, and `GET /repos/{owner}/{repo}` answered 200 only for users granted that repository
 * (404 otherwise, as GitHub answers a private repository one cannot read).
 */
export async function startOAuthGitHub(options: {
  grants: Record<string, string[]>;
  repos: Record<string, { id: number; defaultBranch: string }>;
}): Promise<OAuthGitHub> {
  let current = Object.keys(options.grants)[0] ?? "nobody";
  const codes = new Map<string, { login: string; redirectUri: string }>();
  let next = 1;
  const tokenUser = (headers: Record<string, string | string[] | undefined>) => {
    const match = /^(?:token|bearer)\s+token-(\S+)$/i.exec(String(headers["authorization"] ?? ""));
    return match && match[1]! in options.grants ? match[1]! : null;
  };
  const github = await startLoopbackGitHub(({ method, path, query, body, headers }) => {
    if (method === "GET" && path === "/login/oauth/authorize") {
      if (query.get("client_id") !== CLIENT_ID) return { status: 400, text: "unknown client_id" };
      const code = `code-${next++}`;
      const redirectUri = query.get("redirect_uri") ?? "";
      codes.set(code, { login: current, redirectUri });
      const back = new URL(redirectUri);
      back.searchParams.set("code", code);
      back.searchParams.set("state", query.get("state") ?? "");
      return { status: 302, text: "", headers: { location: back.toString() } };
    }
    if (method === "POST" && path === "/login/oauth/access_token") {
      const form = body.trim().startsWith("{") ? (JSON.parse(body) as Record<string, string>) : Object.fromEntries(new URLSearchParams(body));
      const granted = codes.get(form["code"] ?? "");
      codes.delete(form["code"] ?? "");
      if (form["client_id"] !== CLIENT_ID || form["client_secret"] !== CLIENT_SECRET || !granted || granted.redirectUri !== form["redirect_uri"]) {
        return { status: 200, json: { error: "bad_verification_code", error_description: "The code passed is incorrect or expired.", error_uri: "https://docs.github.com" } };
      }
      return { status: 200, json: { access_token: `token-${granted.login}`, token_type: "bearer", scope: "" } };
    }
    if (method === "GET" && path === "/user") {
      const login = tokenUser(headers);
      return login ? { status: 200, json: { login, id: login.length } } : { status: 401, json: { message: "Bad credentials" } };
    }
    const repoPath = /^\/repos\/([^/]+)\/([^/]+)$/.exec(path);
    if (method === "GET" && repoPath) {
      const login = tokenUser(headers);
      const fullName = `${repoPath[1]}/${repoPath[2]}`;
      const repo = options.repos[fullName];
      if (!login) return { status: 401, json: { message: "Bad credentials" } };
      if (!repo || !options.grants[login]!.includes(fullName)) return { status: 404, json: { message: "Not Found" } };
      return { status: 200, json: { id: repo.id, name: repoPath[2], full_name: fullName, owner: { login: repoPath[1] }, default_branch: repo.defaultBranch } };
    }
    return undefined;
  });
  return { ...github, signInAs: (login) => void (current = login) };
}
