import { randomBytes, timingSafeEqual } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { Queryable } from "../db/queryable.js";
import { findAccessibleRepo } from "../http/has-repo-access.js";
import { createAccessCache, type AccessCache, type AccessibleRepo } from "./access-cache.js";
import { cookieHeader, readCookies } from "./cookies.js";
import type { DashboardContext, DashboardHtml, DashboardPage, DashboardRepo, OverviewTile } from "./dashboard-page.js";
import type { DashboardSettings } from "./dashboard-settings.js";
import { githubOAuth, githubWebUrl, type GitHubOAuth } from "./github-oauth.js";
import { htmlTemplateRenderer } from "../markdown/render-html-template.js";
import { openCookie, sealCookie } from "./seal-cookie.js";
import { PRIVATE_PAGE, SECURITY_HEADERS } from "./security-headers.js";
import { serveStaticAsset, STATIC_PREFIX } from "./static-assets.js";

/** Lists the repositories a feature holds data for (the shell then keeps those the user can read). */
export type RepoList = (db: Queryable) => Promise<DashboardRepo[]>;

export interface DashboardParts {
  pages: DashboardPage[];
  tiles: OverviewTile[];
  repoLists: RepoList[];
}

export interface DashboardDeps {
  db: Queryable;
  now: () => Date;
  /** GitHub's API base URL (the app's: api.github.com or GHE's /api/v3), asked when first needed. */
  apiBaseUrl: () => Promise<string>;
  /** Undefined: login is not configured, and every page says what to set. */
  settings: DashboardSettings | undefined;
  /** For tests: GitHub's login side and the access check (default: the real ones at apiBaseUrl). */
  oauth?: GitHubOAuth;
  access?: AccessCache;
}

interface Session {
  login: string;
  token: string;
}

interface Layout {
  title: string;
  login: string | null;
  repo: { owner: string; name: string } | null;
  body: string;
}

interface Templates {
  layout: Layout;
  repositories: { repos: DashboardRepo[] };
  overview: { repo: DashboardRepo; tiles: DashboardHtml[] };
  message: { heading: string; text: string; link: { href: string; label: string } | null };
  "signed-out": Record<string, never>;
}

const render = htmlTemplateRenderer<Templates>("web");
const SESSION_COOKIE = "kaizen_session";
const LOGIN_COOKIE = "kaizen_login";
/** A GitHub App's user token lives 8 hours (when expiring tokens are on): the session ends with it. */
const SESSION_SECONDS = 8 * 3600;
const LOGIN_SECONDS = 600;
const NAME = /^[A-Za-z0-9_.-]{1,100}$/;
/** First path segments that are not owners: Kaizen's own endpoints (Probot's, the APIs, health and metrics). */
const RESERVED = new Set(["-", "api", "probot", "healthz", "metrics", "ping"]);

/**
 * The dashboard: GitHub login (OAuth web flow, state checked, sealed session cookie, logout), the repository list,
 * each repository's overview from the features' tiles, and the features' pages, each behind the signed-in user's
 * read access (asked of GitHub with the user's token, kept 5 minutes): no access looks exactly like an unknown
 * repository (404). `handle` is a Probot `addHandler` handler; `bearerFromSession` lets the JSON APIs accept the
 * session (see its comment).
 */
export function createDashboard(deps: DashboardDeps, parts: DashboardParts) {
  const pages = parts.pages.map((page) => ({ page, segments: page.path.split("/").filter(Boolean) }));
  const tiles = [...parts.tiles].sort((a, b) => a.order - b.order);
  // Asked once: Probot's base URL does not change while the process runs (app.auth() builds a client per call).
  let apiBaseUrl: Promise<string> | undefined;
  const getApiBaseUrl = () => (apiBaseUrl ??= deps.apiBaseUrl());
  let oauth = deps.oauth;
  let access = deps.access;
  const getOAuth = async (settings: DashboardSettings) => (oauth ??= githubOAuth(await getApiBaseUrl(), settings));
  const getAccess = async () =>
    (access ??= createAccessCache(
      ((baseUrl) => (token, target) => findAccessibleRepo(baseUrl, token, target))(await getApiBaseUrl()),
    ));
  const secure = (settings: DashboardSettings | undefined) => settings?.publicUrl.startsWith("https:") ?? false;
  const readSession = (req: IncomingMessage): Session | null =>
    deps.settings ? openCookie<Session>(deps.settings.sessionKey, SESSION_COOKIE, readCookies(req).get(SESSION_COOKIE), deps.now().getTime()) : null;

  const started = new WeakMap<ServerResponse, number>();
  function send(res: ServerResponse, status: number, html: string, headers: Record<string, string | string[]> = {}): true {
    // Server-Timing: the time from the request to the page being ready, for browsers' devtools and `npm run bench`.
    const at = started.get(res);
    const timing: Record<string, string> = at === undefined ? {} : { "server-timing": `app;dur=${(performance.now() - at).toFixed(1)}` };
    res.writeHead(status, { ...SECURITY_HEADERS, ...PRIVATE_PAGE, "content-type": "text/html; charset=utf-8", ...timing, ...headers });
    res.end(html);
    return true;
  }
  const page = (layout: Omit<Layout, "login"> & { login?: string | null }) => render("layout", { login: null, ...layout });
  const message = (res: ServerResponse, status: number, heading: string, text: string, login: string | null, link: Templates["message"]["link"] = null) =>
    send(res, status, page({ title: heading, login, repo: null, body: render("message", { heading, text, link }) }));
  // One answer for "no such repository", "no access" and "nothing known here", so a page never tells them apart.
  const notFound = (res: ServerResponse, login: string | null) =>
    message(res, 404, "Not found", "There is nothing here, or your GitHub account cannot read this repository.", login, { href: "/", label: "Your repositories" });
  const redirect = (res: ServerResponse, location: string, cookies: string[] = []) => {
    res.writeHead(302, { ...SECURITY_HEADERS, ...PRIVATE_PAGE, location, ...(cookies.length ? { "set-cookie": cookies } : {}) });
    res.end();
    return true as const;
  };
  const callbackUrl = (req: IncomingMessage, settings: DashboardSettings) =>
    `${settings.publicUrl || `http://${req.headers.host ?? "localhost"}`}/-/callback`;

  async function login(req: IncomingMessage, res: ServerResponse, url: URL): Promise<true> {
    const settings = deps.settings;
    if (!settings) {
      return message(res, 503, "Login is not set up",
        "Set GITHUB_CLIENT_ID and GITHUB_CLIENT_SECRET (the GitHub App's client id and a client secret) and KAIZEN_PUBLIC_URL, then restart Kaizen. The README's Dashboard section lists the steps.", null);
    }
    const state = randomBytes(32).toString("base64url");
    const returnTo = safeReturnPath(url.searchParams.get("return_to"));
    const sealed = sealCookie(settings.sessionKey, LOGIN_COOKIE, { state, returnTo }, deps.now().getTime() + LOGIN_SECONDS * 1000);
    const location = (await getOAuth(settings)).authorizationUrl({ state, redirectUrl: callbackUrl(req, settings) });
    return redirect(res, location, [cookieHeader(LOGIN_COOKIE, sealed, { maxAgeSeconds: LOGIN_SECONDS, secure: secure(settings) })]);
  }

  async function callback(req: IncomingMessage, res: ServerResponse, url: URL): Promise<true> {
    const settings = deps.settings;
    if (!settings) return login(req, res, url);
    const started = openCookie<{ state: string; returnTo: string }>(settings.sessionKey, LOGIN_COOKIE, readCookies(req).get(LOGIN_COOKIE), deps.now().getTime());
    const state = url.searchParams.get("state") ?? "";
    const code = url.searchParams.get("code");
    if (!started || !code || !sameText(state, started.state)) {
      return message(res, 400, "Sign-in did not complete",
        "This sign-in was not started here, has expired (10 minutes), or was already used. Start again.", null, { href: "/-/login", label: "Sign in with GitHub" });
    }
    const github = await getOAuth(settings);
    let session: Session;
    try {
      const token = await github.exchangeCode({ code, redirectUrl: callbackUrl(req, settings) });
      session = { token, login: await github.getLogin(token) };
    } catch {
      return message(res, 502, "GitHub did not confirm the sign-in", "GitHub refused the sign-in code or did not answer. Start again.", null, { href: "/-/login", label: "Sign in with GitHub" });
    }
    const sealed = sealCookie(settings.sessionKey, SESSION_COOKIE, session, deps.now().getTime() + SESSION_SECONDS * 1000);
    return redirect(res, started.returnTo, [
      cookieHeader(SESSION_COOKIE, sealed, { maxAgeSeconds: SESSION_SECONDS, secure: secure(settings) }),
      cookieHeader(LOGIN_COOKIE, "", { maxAgeSeconds: 0, secure: secure(settings) }),
    ]);
  }

  async function logout(req: IncomingMessage, res: ServerResponse): Promise<true> {
    const session = readSession(req);
    if (session && access) access.forget(session.token);
    const cleared = cookieHeader(SESSION_COOKIE, "", { maxAgeSeconds: 0, secure: secure(deps.settings) });
    return send(res, 200, page({ title: "Signed out", repo: null, body: render("signed-out", {}) }), { "set-cookie": [cleared] });
  }

  async function repositories(res: ServerResponse, session: Session): Promise<true> {
    const known = new Map<number, DashboardRepo>();
    for (const list of await Promise.all(parts.repoLists.map((list) => list(deps.db)))) for (const repo of list) known.set(repo.id, repo);
    const checker = await getAccess();
    const visible: DashboardRepo[] = [];
    // A few at a time: each unknown answer is one GitHub call, and GitHub paces bursts.
    const queue = [...known.values()];
    await Promise.all(Array.from({ length: 6 }, async () => {
      for (let repo = queue.shift(); repo; repo = queue.shift()) {
        const found = await checker.find(session.token, { owner: repo.owner, repo: repo.name }).catch(() => null);
        if (found?.id === repo.id) visible.push({ ...repo, owner: found.owner ?? repo.owner, name: found.name ?? repo.name });
      }
    }));
    visible.sort((a, b) => `${a.owner}/${a.name}`.localeCompare(`${b.owner}/${b.name}`));
    return send(res, 200, page({ title: "Repositories", login: session.login, repo: null, body: render("repositories", { repos: visible }) }));
  }

  async function repoPage(res: ServerResponse, url: URL, session: Session, segments: string[]): Promise<true> {
    const [owner = "", name = "", ...rest] = segments;
    let found: AccessibleRepo | null;
    try {
      found = await (await getAccess()).find(session.token, { owner, repo: name });
    } catch {
      return message(res, 502, "GitHub did not answer", "Kaizen could not ask GitHub whether you can read this repository. Try again in a moment.", session.login);
    }
    if (!found) return notFound(res, session.login);
    const repo: DashboardRepo = { id: found.id, owner: found.owner ?? owner, name: found.name ?? name, defaultBranch: found.defaultBranch };
    const context: DashboardContext = {
      db: deps.db,
      repo,
      params: {},
      query: url.searchParams,
      publicUrl: deps.settings?.publicUrl ?? "",
      now: deps.now(),
      githubUrl: githubWebUrl(await getApiBaseUrl()),
    };
    const layout = { login: session.login, repo: { owner: repo.owner, name: repo.name } };
    if (rest.length === 0) {
      const drawn = (await Promise.all(tiles.map((tile) => tile.render(context)))).filter((html): html is DashboardHtml => html !== undefined);
      if (drawn.length === 0) return notFound(res, session.login);
      return send(res, 200, page({ ...layout, title: `${repo.owner}/${repo.name}`, body: render("overview", { repo, tiles: drawn }) }));
    }
    for (const { page: candidate, segments: pattern } of pages) {
      const params = matchPath(pattern, rest);
      if (!params) continue;
      const html = await candidate.render({ ...context, params });
      if (!html) return notFound(res, session.login);
      return send(res, 200, page({ ...layout, title: `${html.title} · ${repo.owner}/${repo.name}`, body: html.html }));
    }
    return notFound(res, session.login);
  }

  return {
    /** The dashboard's routes; anything else passes through to the next handler. */
    async handle(req: IncomingMessage, res: ServerResponse): Promise<boolean> {
      if (req.method !== "GET" && req.method !== "HEAD" && req.method !== "POST") return false;
      const url = new URL(req.url ?? "/", "http://kaizen.invalid");
      const path = url.pathname;
      started.set(res, performance.now());
      if (req.method === "POST") return path === "/-/logout" ? logout(req, res) : false;
      if (path.startsWith(STATIC_PREFIX)) return serveStaticAsset(path.slice(STATIC_PREFIX.length), req, res);
      if (path === "/-/login") return login(req, res, url);
      if (path === "/-/callback") return callback(req, res, url);
      if (path === "/-/logout") return logout(req, res);
      const segments = path.split("/").filter(Boolean);
      const isRepoPath = segments.length >= 2 && !RESERVED.has(segments[0]!) && NAME.test(segments[0]!) && NAME.test(segments[1]!);
      if (path !== "/" && !isRepoPath) return false;
      const session = readSession(req);
      if (!session) return redirect(res, `/-/login?return_to=${encodeURIComponent(path + url.search)}`);
      return path === "/" ? repositories(res, session) : repoPage(res, url, session, segments);
    },
    /**
     * The JSON APIs (radar, DORA, experiments) take `Authorization: Bearer <token>`. A browser signed in to the
     * dashboard has a session instead: this pass-through handler, placed before them, hands them the session's
     * GitHub token as that header, so they check access exactly as they do for a token (nothing else changes).
     * An explicit Authorization header always wins.
     */
    async bearerFromSession(req: IncomingMessage): Promise<boolean> {
      if (!(req.url ?? "").startsWith("/api/") || req.headers.authorization) return false;
      const session = readSession(req);
      if (session) req.headers.authorization = `Bearer ${session.token}`;
      return false;
    },
  };
}

/** The page's parameters when `path` fits `pattern` (`:name` segments), URI-decoded; null otherwise. */
export function matchPath(pattern: string[], path: string[]): Record<string, string> | null {
  if (pattern.length !== path.length) return null;
  const params: Record<string, string> = {};
  for (const [i, part] of pattern.entries()) {
    const actual = path[i]!;
    if (part.startsWith(":")) {
      try {
        params[part.slice(1)] = decodeURIComponent(actual);
      } catch {
        return null;
      }
    } else if (part !== actual) return null;
  }
  return params;
}

/** Only a path on this site (`/x`, not `//evil.example` or `https://…`): login never redirects elsewhere. */
function safeReturnPath(value: string | null): string {
  return value && /^\/(?![/\\])/.test(value) ? value : "/";
}

function sameText(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}
