import { randomBytes } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { createDashboard } from "../../src/web/create-dashboard.js";
import { createAccessCache } from "../../src/web/access-cache.js";
import type { GitHubOAuth } from "../../src/web/github-oauth.js";
import { githubWebUrl } from "../../src/web/github-oauth.js";
import { scriptJson } from "../../src/markdown/render-html-template.js";
import { sealCookie } from "../../src/web/seal-cookie.js";
import type { DashboardSettings } from "../../src/web/dashboard-settings.js";
import { deploymentsTile } from "../../src/deployments/dashboard/deployments-tile.js";
import { metricPage } from "../../src/deployments/dashboard/metric-page.js";
import { experimentsTile } from "../../src/experiments/dashboard/experiments-tile.js";
import { useTestDatabase } from "../helpers/test-database.js";
import { seedExperiments, seedMetricHistory } from "../helpers/seed-dashboard.js";

const HOSTILE_METRIC = `"><script>alert(1)</script>`;
const HOSTILE_TITLE = `<img src=x onerror=alert(2)> & "quotes"`;
const REPO = { id: 9001, owner: "octo-org", name: "shop", installationId: 5 };

describe("the dashboard shell", () => {
  const db = useTestDatabase();
  let server: Server;
  let base: string;
  let settings: DashboardSettings;
  const exchanged: string[] = [];
  const accessCalls: string[] = [];

  const oauth: GitHubOAuth = {
    authorizationUrl: ({ state, redirectUrl }) => `https://github.example/login/oauth/authorize?state=${state}&redirect_uri=${encodeURIComponent(redirectUrl)}`,
    async exchangeCode({ code }) {
      exchanged.push(code);
      if (code !== "good-code") throw new Error("bad_verification_code");
      return "gho_alice";
    },
    getLogin: async () => "alice",
  };

  async function start(publicUrl: string, configured = true) {
    settings = { clientId: "id", clientSecret: "secret", sessionKey: randomBytes(32), publicUrl };
    const access = createAccessCache(async (token, target) => {
      accessCalls.push(`${token} ${target.owner}/${target.repo}`);
      return token === "gho_alice" && `${target.owner}/${target.repo}` === "octo-org/shop" ? { id: REPO.id, owner: "octo-org", name: "shop" } : null;
    });
    const dashboard = createDashboard(
      { db: db.pool, now: () => new Date(), apiBaseUrl: async () => "https://api.github.com", settings: configured ? settings : undefined, oauth, access },
      { pages: [metricPage], tiles: [deploymentsTile, experimentsTile], repoLists: [] },
    );
    server = createServer(async (req, res) => {
      await dashboard.bearerFromSession(req);
      if (req.url?.startsWith("/api/")) {
        res.end(String(req.headers.authorization ?? "none"));
        return;
      }
      if (!(await dashboard.handle(req, res))) res.writeHead(418).end();
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  }

  const get = (path: string, cookie?: string) => fetch(`${base}${path}`, { redirect: "manual", headers: cookie ? { cookie } : {} });
  const session = () => `kaizen_session=${sealCookie(settings.sessionKey, "kaizen_session", { login: "alice", token: "gho_alice" }, Date.now() + 60_000)}`;
  const cookieOf = (response: Response, name: string) =>
    response.headers.getSetCookie().find((c) => c.startsWith(`${name}=`));

  beforeAll(async () => {
    await seedMetricHistory(db.pool, {
      repo: REPO, environment: "production", deploys: 30, everyHours: 24, end: new Date(Date.now() - 3600_000),
      metrics: [{ name: HOSTILE_METRIC, unit: "<b>ms</b>", better: "lower", level: 100, threshold: 0.1 }],
      steps: [{ metric: HOSTILE_METRIC, at: 20, factor: 1.5 }],
    });
    await seedExperiments(db.pool, { repo: REPO, titles: [HOSTILE_TITLE, "b", "c", "d"] });
  });
  afterEach(async () => {
    await new Promise((resolve) => server.close(resolve));
    exchanged.length = 0;
    accessCalls.length = 0;
  });

  describe("without a session", () => {
    it("redirects every page to login, remembering where to come back", async () => {
      await start("https://kaizen.example");
      const response = await get("/octo-org/shop/metrics/production/x?from=2026-01-01");
      expect(response.status).toBe(302);
      expect(response.headers.get("location")).toBe(`/-/login?return_to=${encodeURIComponent("/octo-org/shop/metrics/production/x?from=2026-01-01")}`);
      expect((await get("/")).status).toBe(302);
      expect(accessCalls).toEqual([]);
    });

    it("passes other paths on (webhooks, APIs, health)", async () => {
      await start("https://kaizen.example");
      expect((await get("/healthz")).status).toBe(418);
      expect((await get("/ping")).status).toBe(418);
      expect((await get("/probot/static/robot.svg")).status).toBe(418);
    });
  });

  describe("login", () => {
    it("sends the user to GitHub with a fresh state, kept in a sealed HttpOnly SameSite=Lax Secure cookie", async () => {
      await start("https://kaizen.example");
      const first = await get("/-/login?return_to=/octo-org/shop");
      const second = await get("/-/login");
      const location = new URL(first.headers.get("location")!);
      expect(location.searchParams.get("redirect_uri")).toBe("https://kaizen.example/-/callback");
      expect(location.searchParams.get("state")).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(new URL(second.headers.get("location")!).searchParams.get("state")).not.toBe(location.searchParams.get("state"));
      const cookie = cookieOf(first, "kaizen_login")!;
      expect(cookie).toMatch(/; HttpOnly; SameSite=Lax; Max-Age=600; Secure$/);
      expect(cookie).not.toContain(location.searchParams.get("state")!);
    });

    it("leaves Secure off when Kaizen is served over plain http", async () => {
      await start("http://localhost:3000");
      expect(cookieOf(await get("/-/login"), "kaizen_login")).not.toContain("Secure");
    });

    async function begin(returnTo = "/octo-org/shop") {
      const login = await get(`/-/login?return_to=${encodeURIComponent(returnTo)}`);
      const state = new URL(login.headers.get("location")!).searchParams.get("state")!;
      const cookie = cookieOf(login, "kaizen_login")!.split(";")[0]!;
      return { state, cookie };
    }

    it("signs in when GitHub sends back the state it was given, and returns to the page asked for", async () => {
      await start("https://kaizen.example");
      const { state, cookie } = await begin();
      const callback = await get(`/-/callback?code=good-code&state=${state}`, cookie);
      expect(callback.status).toBe(302);
      expect(callback.headers.get("location")).toBe("/octo-org/shop");
      expect(cookieOf(callback, "kaizen_session")).toMatch(/^kaizen_session=[A-Za-z0-9_-]+; Path=\/; HttpOnly; SameSite=Lax; Max-Age=28800; Secure$/);
      expect(cookieOf(callback, "kaizen_login")).toContain("Max-Age=0");
      const page = await get("/octo-org/shop", cookieOf(callback, "kaizen_session")!.split(";")[0]);
      expect(page.status).toBe(200);
    });

    it.each([
      ["a state that does not match", (state: string) => `code=good-code&state=${state.slice(1)}x`, true],
      ["no state", () => "code=good-code", true],
      ["no login cookie (started elsewhere)", (state: string) => `code=good-code&state=${state}`, false],
    ])("refuses %s without asking GitHub for a token", async (_, query, withCookie) => {
      await start("https://kaizen.example");
      const { state, cookie } = await begin();
      const callback = await get(`/-/callback?${query(state)}`, withCookie ? cookie : undefined);
      expect(callback.status).toBe(400);
      expect(cookieOf(callback, "kaizen_session")).toBeUndefined();
      expect(exchanged).toEqual([]);
    });

    it("answers 502 when GitHub refuses the code", async () => {
      await start("https://kaizen.example");
      const { state, cookie } = await begin();
      const callback = await get(`/-/callback?code=stale&state=${state}`, cookie);
      expect(callback.status).toBe(502);
      expect(cookieOf(callback, "kaizen_session")).toBeUndefined();
    });

    it.each(["//evil.example/x", "https://evil.example/", "/\\evil.example"])("never returns to another site (%s)", async (returnTo) => {
      await start("https://kaizen.example");
      const { state, cookie } = await begin(returnTo);
      const callback = await get(`/-/callback?code=good-code&state=${state}`, cookie);
      expect(callback.headers.get("location")).toBe("/");
    });

    it("says what to configure when login is not set up", async () => {
      await start("", false);
      const response = await get("/-/login");
      expect(response.status).toBe(503);
      expect(await response.text()).toContain("GITHUB_CLIENT_ID");
    });
  });

  describe("with a session", () => {
    it("refuses a tampered session cookie", async () => {
      await start("https://kaizen.example");
      const good = session();
      const tampered = `${good.slice(0, -3)}${good.at(-3) === "A" ? "B" : "A"}${good.slice(-2)}`;
      expect((await get("/octo-org/shop", tampered)).status).toBe(302);
      expect((await get("/octo-org/shop", good)).status).toBe(200);
    });

    it("answers 404 alike for no access, unknown repository and unknown page, asking GitHub once per repository", async () => {
      await start("https://kaizen.example");
      const cookie = session();
      const bodies = new Set<string>();
      for (const path of ["/octo-org/secret", "/octo-org/secret/metrics/production/latency", "/octo-org/shop/metrics/production/unknown", "/octo-org/shop/nope"]) {
        const response = await get(path, cookie);
        expect({ path, status: response.status }).toEqual({ path, status: 404 });
        bodies.add(await response.text());
      }
      expect(bodies.size).toBe(1);
      expect(accessCalls).toEqual(["gho_alice octo-org/secret", "gho_alice octo-org/shop"]);
    });

    it("sends the security headers on pages, errors and static assets", async () => {
      await start("https://kaizen.example");
      for (const response of [await get("/octo-org/shop", session()), await get("/octo-org/secret", session()), await get("/-/static/dashboard.js"), await get("/-/static/uplot.iife.min.js")]) {
        expect(response.headers.get("content-security-policy")).toBe(
          "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; font-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'",
        );
        expect(response.headers.get("x-content-type-options")).toBe("nosniff");
        expect(response.headers.get("x-frame-options")).toBe("DENY");
      }
      const page = await get("/octo-org/shop", session());
      expect(page.headers.get("cache-control")).toBe("private, no-store");
      expect(await page.text()).not.toMatch(/<script(?![^>]*\b(src|type="application\/json")\b)[^>]*>/);
    });

    it("escapes hostile metric names, units and issue titles in HTML and in chart data", async () => {
      await start("https://kaizen.example");
      const overview = await (await get("/octo-org/shop", session())).text();
      expect(overview).toContain("&lt;img src&#x3D;x onerror&#x3D;alert(2)&gt; &amp; &quot;quotes&quot;");
      expect(overview).toContain("&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;");
      expect(overview).not.toContain("<img src=x");
      expect(overview).not.toContain("<script>alert");
      const metric = await (await get(`/octo-org/shop/metrics/production/${encodeURIComponent(HOSTILE_METRIC)}`, session())).text();
      expect(metric).not.toContain("<script>alert");
      expect(metric).not.toContain("<b>ms</b>");
      const data = /<script type="application\/json" id="kz-metric-chart">([^<]*)<\/script>/.exec(metric)![1]!;
      expect(JSON.parse(data).title).toBe(`${HOSTILE_METRIC} in production`);
    });

    it("hands the session's token to the JSON APIs unless the caller sent its own", async () => {
      await start("https://kaizen.example");
      expect(await (await get("/api/radar/octo-org/shop", session())).text()).toBe("Bearer gho_alice");
      expect(await (await get("/api/radar/octo-org/shop")).text()).toBe("none");
      const own = await fetch(`${base}/api/radar/octo-org/shop`, { headers: { cookie: session(), authorization: "Bearer mine" } });
      expect(await own.text()).toBe("Bearer mine");
    });

    it("signs out: clears the cookie", async () => {
      await start("https://kaizen.example");
      const response = await fetch(`${base}/-/logout`, { method: "POST", headers: { cookie: session() }, redirect: "manual" });
      expect(response.status).toBe(200);
      expect(cookieOf(response, "kaizen_session")).toMatch(/^kaizen_session=; .*Max-Age=0/);
    });
  });
});

describe("scriptJson", () => {
  it("cannot end its script block or open markup", () => {
    const text = scriptJson({ name: "</script><script>alert(1)</script>", other: "a\u2028b & <!--" });
    expect(text).not.toMatch(/[<>&\u2028]/);
    expect(JSON.parse(text)).toEqual({ name: "</script><script>alert(1)</script>", other: "a\u2028b & <!--" });
  });
});

describe("githubWebUrl", () => {
  it.each([
    ["https://api.github.com", "https://github.com"],
    ["https://github.example.com/api/v3", "https://github.example.com"],
    ["http://127.0.0.1:9999/api/v3/", "http://127.0.0.1:9999"],
  ])("%s → %s", (api, web) => expect(githubWebUrl(api)).toBe(web));
});
