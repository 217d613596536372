import { mkdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";
import { createTestDatabase, type TestDatabase } from "../helpers/test-database.js";
import { CLIENT_ID, CLIENT_SECRET, startOAuthGitHub, type OAuthGitHub } from "../helpers/loopback-oauth-github.js";
import { startBuiltApp, type BuiltApp } from "../helpers/start-built-app.js";
import { seedBenchmarkHistory, seedExperiments, seedMetricHistory, type SeededHistory, type SeedRepo } from "../helpers/seed-dashboard.js";
import { WEBHOOK_SECRET } from "../helpers/start-kaizen.js";
import { fixtureWeeksBefore, seedFixture as seedDoraFixture } from "../helpers/seed-dora-fixture.js";
import { RADAR_BLIP_ISSUES, RADAR_QUADRANTS, seedRadar } from "../helpers/seed-radar.js";
import { blipsOutsideTheirPlace, readRadarBlips } from "../helpers/read-radar-blips.js";
import { saveDoraSettings } from "../../src/dora/store/dora-settings.js";

const REPO: SeedRepo = { id: 4242, owner: "octo-org", name: "shop", installationId: 77 };
const RADAR_ONLY = { id: 4243, owner: "octo-org", name: "radar-only" };
const DORA_ONLY = { id: 4244, owner: "octo-org", name: "dora-only" };
const HOSTILE_METRIC = `p95 <img src=x id=pwned-metric>`;
const HOSTILE_TITLE = `<script id="pwned-title">window.pwned = 1</script> Cache it`;
const REGRESSION_AT = 2000;
/** Latency creeps 15 % from deploy 2150; deploy 2300's check opens a drift issue, deploy 2500 fixes it and closes it. */
const DRIFT = { start: 2150, opened: 2300, closed: 2500 };
const ARTIFACTS = "test-artifacts/dashboard";
const AXE_SOURCE = readFileSync("node_modules/axe-core/axe.min.js", "utf8");
/** The whole seeded year (the page shows the last 90 days unless asked). */
const YEAR = `from=${new Date(Date.now() - 366 * 86_400_000).toISOString().slice(0, 10)}`;
/**
 * The DORA fixture's five keys (hand-computed in test/dora/README.md; test/dora/dashboard.test.ts asserts the same).
 * Its 10 deploys fall in the 11 weeks before this one; the app counts the days of this week gone by, so the
 * frequency lies between 10/12 and 10/11 a week (0.91 on a Monday at midnight, as the fixture's own test sees it).
 */
const DORA_KEYS = [expect.stringMatching(/^0\.(8[3-9]|9[01]) deploys\/week$/), "12 h", "50.0%", "4.5 h", "30.0%"];
const doraKeys = (page: Page) => page.locator(".kz-dora-key .kz-figure").allInnerTexts();
const metricPath = (metric: string) => `/octo-org/shop/metrics/production/${encodeURIComponent(metric)}?${YEAR}`;

/**
 * Every page the browser visits, with what must be on it. Add a page here (the lead adds /dora and /radar) and it
 * is opened signed in, checked, screenshotted, axe-checked and refused (404) to the user without access.
 */
const PAGES: { name: string; path: string; check(page: Page, seeded: SeededHistory): Promise<void> }[] = [
  {
    name: "overview",
    path: "/octo-org/shop",
    async check(page, seeded) {
      const text = await page.locator("main").innerText();
      expect(text).toContain("production");
      expect(text).toContain("latency");
      // The open improvement issue of the regression links to GitHub.
      const issue = seeded.issues.get("latency")!;
      expect(await page.locator(`a[href$="/octo-org/shop/issues/${issue}"]`).count()).toBe(1);
      // Open drift issues are listed apart from improvement issues; the closed one is not.
      const [closedDrift, openDrift] = seeded.drifts;
      const drifts = page.locator("ul.kz-drift-issues li");
      expect(await drifts.count()).toBe(1);
      expect(await drifts.first().innerText()).toContain(`#${openDrift} errors in production`);
      expect(await page.locator(`a[href$="/octo-org/shop/issues/${closedDrift}"]`).count()).toBe(0);
      // Benchmarks: the latest commit on main is 30 % slower than the one before.
      expect(text).toContain("Benchmarks");
      expect(text).toMatch(/\+(2[5-9]|3[0-5])\.\d %/);
      expect(text).toContain("worse");
      // Experiments: hostile title shown as text, never run.
      expect(text).toContain(HOSTILE_TITLE);
      expect(text).toContain("latncy");
      expect(text).not.toContain("Done already");
      // DORA: the fixture's keys over the last 12 weeks, linking the DORA page.
      expect(await page.locator('a[href$="/octo-org/shop/dora"]').count()).toBeGreaterThan(0);
      expect(await doraKeys(page)).toEqual(DORA_KEYS);
      // Radar: active items per ring, linking the radar.
      expect(await page.locator('a[href$="/octo-org/shop/radar"]').count()).toBe(1);
      expect(await page.locator(".kz-radar-rings li").allInnerTexts()).toEqual(["Adopt: 1", "Trial: 1", "Assess: 13", "Hold: 1"]);
    },
  },
  {
    name: "dora",
    path: "/octo-org/shop/dora",
    async check(page) {
      expect(await doraKeys(page)).toEqual(DORA_KEYS);
      expect(await page.locator(".kz-dora-key").first().innerText()).toContain("10 deploys on 6 days");
      const total = await page.locator("table.kz-dora-table tbody tr").last().locator("td, th").allInnerTexts();
      expect(total).toEqual(["total", "10", "6", "8", "12", "72", "5", "50.0%", "4", "1", "4.5", "3", "30.0%"]);
      // Five charts, drawn by uPlot.
      expect(await page.locator(".kz-chart").count()).toBe(5);
      expect(await page.locator(".kz-chart canvas").count()).toBeGreaterThanOrEqual(5);
    },
  },
  {
    name: "radar",
    path: "/octo-org/shop/radar",
    async check(page) {
      const drawn = await readRadarBlips(page);
      expect(drawn.map((b) => b.issue).sort((a, b) => a - b)).toEqual(RADAR_BLIP_ISSUES);
      expect(blipsOutsideTheirPlace(drawn, RADAR_QUADRANTS)).toEqual([]);
      const byIssue = new Map(drawn.map((b) => [b.issue, b]));
      expect([1, 2, 3, 4].map((n) => [byIssue.get(n)!.ringName, byIssue.get(n)!.quadrant, byIssue.get(n)!.moved])).toEqual([
        ["adopt", "languages", "in"],
        ["hold", "tools", "out"],
        ["assess", "platforms", "new"],
        ["trial", "platforms", "none"],
      ]);
      expect(await page.locator("#item-1").innerText()).toMatch(/Ring: Trial → Adopt\s+hubot\s+every service <b>uses<\/b> it/);
      expect(await page.locator("#item-3 h4").innerText()).toContain("Bun <script>alert(1)</script>");
    },
  },
  {
    name: "metric",
    path: metricPath("latency"),
    async check(page, seeded) {
      const deployedAt = seeded.deployedAt[REGRESSION_AT]!;
      // The marker of the regression sits on the deploy that regressed, and links its pull request.
      const chart = JSON.parse((await page.locator("script#kz-metric-chart").textContent())!);
      const regressions = chart.markers.filter((m: any) => m.kind === "regression");
      expect(regressions).toHaveLength(1);
      expect(regressions[0].x).toBe(deployedAt.getTime() / 1000);
      expect(regressions[0].href).toMatch(new RegExp(`/octo-org/shop/pull/${seeded.firstPull + REGRESSION_AT}$`));
      // A no-change band per comparison, and the drift issue's span as a full-height band of its own kind.
      expect(chart.bands.filter((b: any) => b.kind === undefined)).toHaveLength(chart.x.length);
      const [closedDrift] = seeded.drifts;
      expect(chart.bands.filter((b: any) => b.kind === "drift")).toEqual([{
        from: seeded.deployedAt[DRIFT.opened]!.getTime() / 1000,
        to: seeded.deployedAt[DRIFT.closed]!.getTime() / 1000,
        label: `drift: issue #${closedDrift}`,
        kind: "drift",
      }]);
      const drift = await page.locator(`ul.kz-drift-list li[data-issue="${closedDrift}"]`).innerText();
      expect(drift).toContain(`opened at deploy ${seeded.shas[DRIFT.opened]!.slice(0, 7)}`);
      expect(drift).toContain(`closed at deploy ${seeded.shas[DRIFT.closed]!.slice(0, 7)}`);
      expect(drift).toContain(`${DRIFT.closed - DRIFT.opened + 1} deploys shown in the span`);
      // The level it drifted from: latency after the regression at deploy 2000 (120 ms × 1.4), before the creep.
      expect(drift).toContain("level before the drift 168 ms");
      expect(await page.locator(`ul.kz-drift-list a[href$="/octo-org/shop/issues/${closedDrift}"]`).count()).toBe(1);
      expect(await page.locator("canvas").count()).toBeGreaterThan(0);
      // Newest first, 200 a page: the first page holds the last 200 deploys.
      const rows = page.locator("table.kz-metric-table tbody tr");
      expect(await rows.count()).toBe(200);
      expect(await rows.first().getAttribute("data-sha")).toBe(seeded.shas.at(-1));
      // Zoom: dragging across the plot narrows the x range.
      const over = page.locator(".kz-chart .u-over");
      const box = (await over.boundingBox())!;
      const before = Number(await page.locator(".kz-chart").getAttribute("data-x-max")) - Number(await page.locator(".kz-chart").getAttribute("data-x-min"));
      await page.mouse.move(box.x + box.width * 0.4, box.y + box.height / 2);
      await page.mouse.down();
      await page.mouse.move(box.x + box.width * 0.6, box.y + box.height / 2, { steps: 5 });
      await page.mouse.up();
      const after = Number(await page.locator(".kz-chart").getAttribute("data-x-max")) - Number(await page.locator(".kz-chart").getAttribute("data-x-min"));
      expect(after).toBeLessThan(before * 0.5);
    },
  },
  {
    name: "metric-regression-table",
    path: `${metricPath("latency")}&page=${Math.ceil((2920 - REGRESSION_AT) / 200)}`,
    async check(page, seeded) {
      const row = page.locator(`table.kz-metric-table tbody tr[data-sha="${seeded.shas[REGRESSION_AT]}"]`);
      expect(await row.getAttribute("data-verdict")).toBe("regression");
      expect(await row.locator(`a[href$="/pull/${seeded.firstPull + REGRESSION_AT}"]`).count()).toBe(1);
      expect(await row.locator(`a[href$="/runs/${seeded.checkRunIds[REGRESSION_AT]}"]`).count()).toBe(1);
      expect(await page.locator('table.kz-metric-table tr[data-verdict="regression"]').count()).toBe(1);
    },
  },
  {
    name: "metric-default-range",
    path: "/octo-org/shop/metrics/production/latency",
    async check(page, seeded) {
      const chart = JSON.parse((await page.locator("script#kz-metric-chart").textContent())!);
      const since = Date.now() / 1000 - 90 * 86_400;
      // 90 days of a deploy every 3 hours.
      expect(Math.abs(chart.x.length - 720)).toBeLessThanOrEqual(1);
      expect(chart.x.at(-1)).toBe(seeded.deployedAt.at(-1)!.getTime() / 1000);
      expect(chart.x.every((x: number) => x >= since - 86_400)).toBe(true);
      expect(await page.locator('a:text("last 365 days")').count()).toBe(1);
    },
  },
  {
    name: "metric-hostile-name",
    path: metricPath(HOSTILE_METRIC),
    async check(page) {
      expect(await page.locator("h1").innerText()).toContain(HOSTILE_METRIC);
      expect(await page.locator("#pwned-metric").count()).toBe(0);
    },
  },
  {
    name: "benchmark",
    path: "/octo-org/shop/benchmarks/BenchmarkCheckout",
    async check(page) {
      const chart = JSON.parse((await page.locator("script#kz-benchmark-chart-0").textContent())!);
      expect(chart.series[0].label).toBe("main");
      expect(chart.x).toHaveLength(60);
      expect(chart.markers.length).toBe(12);
      expect(chart.markers.every((m: any) => m.kind === "pull-request")).toBe(true);
      expect(await page.locator("table.kz-benchmark-table tbody tr").count()).toBe(72);
      expect(await page.locator("canvas").count()).toBeGreaterThan(0);
    },
  },
];

describe("the dashboard in a real browser", () => {
  let db: TestDatabase;
  let github: OAuthGitHub;
  let app: BuiltApp;
  let browser: Browser;
  let profile: string;
  let seeded: SeededHistory;

  beforeAll(async () => {
    db = await createTestDatabase();
    const end = new Date(Date.now() - 3600_000);
    seeded = await seedMetricHistory(db.pool, {
      repo: REPO,
      environment: "production",
      deploys: 2920,
      everyHours: 3,
      end,
      metrics: [
        { name: "latency", unit: "ms", better: "lower", level: 120, threshold: 0.1 },
        { name: "errors", unit: "%", better: "lower", level: 0.5, threshold: 0.2 },
        { name: "throughput", unit: "req/s", better: "higher", level: 800, threshold: 0.1 },
        { name: HOSTILE_METRIC, unit: "ms", better: "lower", level: 300, threshold: 0.1 },
      ],
      steps: [{ metric: "latency", at: REGRESSION_AT, factor: 1.4 }, { metric: "throughput", at: 2500, factor: 1.3 }],
      drifts: [{ metric: "latency", ...DRIFT, factor: 1.15 }, { metric: "errors", start: 2700, opened: 2800, factor: 1.3 }],
    });
    await seedBenchmarkHistory(db.pool, { repo: REPO, branch: "main", benchmarks: ["BenchmarkCheckout", "BenchmarkSearch"], commits: 60, end, lastFactor: 1.3 });
    await seedExperiments(db.pool, { repo: REPO, titles: [HOSTILE_TITLE, "Smaller images", "Bad block", "Done already"] });
    const doraRepo = { repoId: REPO.id, owner: REPO.owner, repo: REPO.name, installationId: REPO.installationId };
    await seedDoraFixture(db.pool, doraRepo, { shiftWeeks: fixtureWeeksBefore(new Date()) });
    await saveDoraSettings(db.pool, REPO.id, { production: ["prod*"], incident_label: "incident" });
    await seedRadar(db.pool, { id: REPO.id, owner: REPO.owner, name: REPO.name });
    // Repositories with one feature's data alone: a radar, a DORA deploy.
    await seedRadar(db.pool, RADAR_ONLY);
    await db.pool.query(
      `insert into dora_deployments (repo_id, owner, repo, installation_id, github_deployment_id, environment, sha, ref, created_at, succeeded_at)
       values ($1, $2, $3, 77, 1, 'production', $4, 'main', now() - interval '2 days', now() - interval '2 days')`,
      [DORA_ONLY.id, DORA_ONLY.owner, DORA_ONLY.name, "d".repeat(40)],
    );

    github = await startOAuthGitHub({
      grants: { alice: ["octo-org/shop", "octo-org/radar-only", "octo-org/dora-only"], bob: [] },
      repos: {
        "octo-org/shop": { id: REPO.id, defaultBranch: "main" },
        "octo-org/radar-only": { id: RADAR_ONLY.id, defaultBranch: "main" },
        "octo-org/dora-only": { id: DORA_ONLY.id, defaultBranch: "main" },
      },
    });
    const publicPort = await import("../helpers/free-port.js").then((m) => m.freePort());
    app = await startBuiltApp({
      DATABASE_URL: db.url,
      APP_ID: "1",
      PRIVATE_KEY_PATH: "test/fixtures/github/mock-cert.pem",
      WEBHOOK_SECRET,
      GHE_HOST: github.host,
      GHE_PROTOCOL: "http",
      GITHUB_CLIENT_ID: CLIENT_ID,
      GITHUB_CLIENT_SECRET: CLIENT_SECRET,
      KAIZEN_SESSION_SECRET: "s".repeat(40),
      KAIZEN_PUBLIC_URL: `http://127.0.0.1:${publicPort}`,
      PORT: String(publicPort),
      KAIZEN_WORKERS: "false",
    });
    // A fresh profile in a temp directory: playwright-core's launch makes one itself (--user-data-dir=<tmp>, removed
    // at close) and refuses the flag; the directory below holds the browser's downloads and traces.
    profile = mkdtempSync(join(tmpdir(), "kaizen-chromium-"));
    browser = await chromium.launch({
      executablePath: "/usr/bin/chromium",
      downloadsPath: profile,
      tracesDir: profile,
      args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync"],
    });
    mkdirSync(ARTIFACTS, { recursive: true });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
    await github?.close();
    await db?.drop();
    if (profile) rmSync(profile, { recursive: true, force: true });
  });

  /** A signed-in browser context that records console errors, page errors and failed requests. */
  async function signIn(login: string): Promise<{ context: BrowserContext; page: Page; problems: string[] }> {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    const problems: string[] = [];
    page.on("console", (message) => message.type() === "error" && problems.push(`console: ${message.text()}`));
    page.on("response", (response) => response.status() >= 400 && problems.push(`HTTP ${response.status()}: ${response.url()}`));
    page.on("pageerror", (error) => problems.push(`page error: ${error.message}`));
    page.on("requestfailed", (request) => problems.push(`failed: ${request.url()} ${request.failure()?.errorText}`));
    page.on("dialog", (dialog) => problems.push(`dialog: ${dialog.message()}`));
    github.signInAs(login);
    const response = await page.goto(`${app.url}/`);
    expect(page.url()).toBe(`${app.url}/`);
    expect(response?.status()).toBe(200);
    return { context, page, problems };
  }

  /** The open page passes axe with no serious or critical violation. */
  async function expectAccessible(page: Page, name: string): Promise<void> {
    // Not page.addScriptTag: the page's CSP rightly refuses an injected inline script; evaluating through the
    // DevTools protocol runs axe in the page without weakening the policy under test.
    await page.evaluate(AXE_SOURCE);
    const violations = await page.evaluate(async () => {
      const result = await (window as any).axe.run(document, { resultTypes: ["violations"] });
      return result.violations.map((v: any) => ({ id: v.id, impact: v.impact, nodes: v.nodes.length }));
    });
    expect({ name, serious: violations.filter((v: any) => v.impact === "serious" || v.impact === "critical") }).toEqual({ name, serious: [] });
  }

  it("signs in through GitHub and lists the repositories the user can read", async () => {
    const { context, page, problems } = await signIn("alice");
    await expectAccessible(page, "repositories");
    expect(await page.locator("header").innerText()).toContain("alice");
    expect(await page.locator('a[href="/octo-org/shop"]').count()).toBe(1);
    // A repository with a radar alone or DORA facts alone is listed, and its overview links its one page.
    for (const [repo, page_] of [["octo-org/radar-only", "radar"], ["octo-org/dora-only", "dora"]]) {
      expect(await page.locator(`a[href="/${repo}"]`).count()).toBe(1);
      const overview = await context.request.get(`${app.url}/${repo}`);
      expect(overview.status()).toBe(200);
      expect(await overview.text()).toContain(`/${repo}/${page_}`);
    }
    expect(problems).toEqual([]);
    await context.close();
  });

  it("shows every page with its content, no errors, and no serious accessibility problems", async () => {
    const { context, page, problems } = await signIn("alice");
    for (const { name, path, check } of PAGES) {
      const response = await page.goto(`${app.url}${path}`);
      expect(response?.status()).toBe(200);
      expect(response?.headers()["content-security-policy"]).toContain("script-src 'self'");
      await check(page, seeded);
      await page.screenshot({ path: `${ARTIFACTS}/${name}.png`, fullPage: name !== "metric" });
      if (process.env["KAIZEN_UPDATE_SCREENSHOTS"] && (name === "overview" || name === "metric")) {
        await page.goto(`${app.url}${path}`);
        await page.screenshot({ path: `docs/screenshots/${name}.png` });
      }
      await expectAccessible(page, name);
      expect(await page.evaluate(() => (window as any).pwned)).toBeUndefined();
    }
    expect(problems).toEqual([]);
    await context.close();
  }, 120_000);

  it("shows the message pages (not found, a sign-in that did not complete) with no serious accessibility problems", async () => {
    const { context, page, problems } = await signIn("alice");
    const messages = [
      { name: "not found", path: "/octo-org/nothing-here", status: 404, heading: "Not found" },
      { name: "sign-in did not complete", path: "/-/callback?code=forged&state=forged", status: 400, heading: "Sign-in did not complete" },
    ];
    for (const { name, path, status, heading } of messages) {
      const response = await page.goto(`${app.url}${path}`);
      expect({ name, status: response?.status() }).toEqual({ name, status });
      expect(await page.locator("h1").innerText()).toBe(heading);
      await expectAccessible(page, name);
    }
    // The error statuses themselves are expected; nothing else may go wrong on these pages.
    expect(problems.filter((p) => !p.startsWith("HTTP 4") && !p.includes("Failed to load resource"))).toEqual([]);
    await context.close();
  });

  it("lets the APIs accept the dashboard session instead of a bearer token", async () => {
    const { context } = await signIn("alice");
    const answer = await context.request.get(`${app.url}/api/experiments/octo-org/shop`);
    expect(answer.status()).toBe(200);
    expect((await answer.json()).experiments.map((e: any) => e.issue)).toEqual(expect.arrayContaining([31, 32, 33, 34]));
    await context.close();
    const bob = await signIn("bob");
    expect((await bob.context.request.get(`${app.url}/api/experiments/octo-org/shop`)).status()).toBe(404);
    await bob.context.close();
  });

  it("answers 404 on every page to a user without read access, the same as an unknown repository", async () => {
    const { context, page, problems } = await signIn("bob");
    expect(await page.locator('a[href="/octo-org/shop"]').count()).toBe(0);
    expect(await page.locator("main").innerText()).toContain("no data yet");
    const unknown = await context.request.get(`${app.url}/octo-org/nothing-here`);
    expect(unknown.status()).toBe(404);
    for (const { path } of PAGES) {
      const response = await context.request.get(`${app.url}${path}`, { maxRedirects: 0 });
      expect({ path, status: response.status() }).toEqual({ path, status: 404 });
      expect(await response.text()).toBe(await unknown.text());
    }
    expect(problems).toEqual([]);
    await context.close();
  });

  it("signs out: the session no longer opens any page", async () => {
    const { context, page } = await signIn("alice");
    await page.goto(`${app.url}/octo-org/shop`);
    await page.getByRole("button", { name: "Sign out" }).click();
    await page.waitForURL(`${app.url}/-/logout`);
    expect(await page.locator("h1").innerText()).toBe("Signed out");
    await expectAccessible(page, "signed out");
    for (const { path } of PAGES) {
      const response = await context.request.get(`${app.url}${path}`, { maxRedirects: 0 });
      expect(response.status()).toBe(302);
      expect(response.headers()["location"]).toMatch(/^\/-\/login\?return_to=/);
    }
    await context.close();
  });
});
