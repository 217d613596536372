import { doraDashboardPage, doraOverviewTile } from "../../src/dora/dashboard.js";
import { saveDoraSettings } from "../../src/dora/store/dora-settings.js";
import type { DashboardChart, DashboardContext } from "../../src/web/dashboard-page.js";
import { useChromium } from "../helpers/page-in-chromium.js";
import { useTestDatabase } from "../helpers/test-database.js";
import { seedFixture } from "../helpers/seed-dora-fixture.js";

const REPO = { id: 9140, owner: "octo-org", name: "shop" };
const EMPTY = { id: 9141, owner: "octo-org", name: "empty" };
// A metric name that tries to end the chart's data block and inject markup.
const HOSTILE_METRIC = "p95 </script><img src=x onerror=alert(1)>";

describe("GET /{owner}/{repo}/dora (the DORA page)", () => {
  const db = useTestDatabase();
  const chromium = useChromium();
  const context = (query = "", repo = REPO): DashboardContext => ({
    db: db.pool,
    repo,
    params: {},
    query: new URLSearchParams(query),
    publicUrl: "",
    now: new Date("2026-03-16T00:00:00Z"),
  });

  beforeAll(async () => {
    await seedFixture(db.pool, { repoId: REPO.id, owner: REPO.owner, repo: REPO.name, installationId: 31 });
    await saveDoraSettings(db.pool, REPO.id, { production: ["prod*"], incident_label: "incident" });
    await db.pool.query("update metric_results set metric_name = $1", [HOSTILE_METRIC]);
    await db.pool.query("update improvement_issues set metric_name = $1", [HOSTILE_METRIC]);
  });

  /** The page's table as the browser shows it: week → cells. */
  async function tableRows(query = ""): Promise<Map<string, string[]>> {
    const page = await chromium.open((await doraDashboardPage.render(context(query)))!);
    const rows = await page.locator("table.kz-dora-table tbody tr").evaluateAll((trs) => trs.map((tr) => [...tr.children].map((c) => (c as HTMLElement).innerText)));
    await page.close();
    return new Map(rows.map(([week, ...cells]) => [week!, cells]));
  }

  describe("for a repository with deploys", () => {
    it("shows the fixture's hand-computed keys per week and in total (test/dora/README.md), with the rule and band of each", async () => {
      const rendered = (await doraDashboardPage.render(context()))!;
      expect(rendered.title).toBe("DORA · octo-org/shop");
      const page = await chromium.open(rendered);
      const rows = await page.locator("table.kz-dora-table tbody tr").evaluateAll((trs) => trs.map((tr) => [...tr.children].map((c) => (c as HTMLElement).innerText)));
      // Twelve weeks back from the week of 2026-03-16 (that week has not started, so eleven rows), then the total.
      expect(rows).toHaveLength(12);
      const byWeek = new Map(rows.map(([week, ...cells]) => [week!, cells]));
      expect(byWeek.get("2026-03-02")).toEqual(["6", "3", "5", "2", "24", "2", "33.3%", "2", "0", "4.5", "2", "33.3%"]);
      expect(byWeek.get("2026-03-09")).toEqual(["4", "3", "3", "24", "72", "3", "75.0%", "2", "1", "4", "1", "25.0%"]);
      expect(byWeek.get("total")).toEqual(["10", "6", "8", "12", "72", "5", "50.0%", "4", "1", "4.5", "3", "30.0%"]);
      expect(byWeek.get("2026-02-23")).toEqual(["0", "0", "0", "—", "—", "0", "—", "0", "0", "—", "0", "—"]);

      const tiles = await page.locator(".kz-dora-key").evaluateAll((lis) => lis.map((li) => (li as HTMLElement).innerText.replace(/\s+/g, " ")));
      expect(tiles).toHaveLength(5);
      expect(tiles[1]).toContain("Change lead time 12 h median of 8 changes; p90 3 days");
      expect(tiles[2]).toContain("50.0% 5 of 10 deploys failed");
      expect(tiles[2]).toContain("Band: nearest cluster rate 40% (low cluster of DORA 2024 (Accelerate State of DevOps Report 2024))");
      expect(tiles[3]).toContain("4.5 h median of 4 recovered; 1 not recovered");
      expect(tiles[4]).toContain("30.0% 3 of 10 deploys were rework");
      expect(tiles[0]).toContain("0.91 deploys/week 10 deploys on 6 days");
      // Each figure's rule is on the page, word for word as the API gives it.
      await page.locator(".kz-dora-key details").first().evaluate((d) => ((d as HTMLDetailsElement).open = true));
      expect(await page.locator(".kz-dora-key details").first().innerText()).toContain("deployment days: distinct UTC days with at least one");
      expect(await page.locator(".kz-note").innerText()).toContain("2025 report dropped fixed performance bands");

      // Failed deploys with their causes: Kaizen's confirmed regression among them, its hostile name as text.
      const failed = await page.locator("table.kz-dora-failed tbody tr").evaluateAll((trs) => trs.map((tr) => (tr as HTMLElement).innerText));
      expect(failed.map((f) => f.split("\t")[0])).toEqual(["103", "105", "108", "109", "111"]);
      expect(failed[2]).toContain(`confirmed-regression: ${HOSTILE_METRIC}`);
      expect(await page.locator("img").count()).toBe(0);

      // One data block per key, parseable, the regression marked on its week.
      const charts = await page.locator("script[type='application/json']").evaluateAll((scripts) => scripts.map((s) => JSON.parse(s.textContent!)));
      expect(charts.map((c: DashboardChart) => c.title)).toEqual([
        "Deployment frequency per week",
        "Change lead time per week",
        "Change fail rate per week",
        "Failed deployment recovery time per week",
        "Deployment rework rate per week",
      ]);
      for (const chart of charts as DashboardChart[]) {
        expect(chart.x).toHaveLength(11);
        for (const series of chart.series) expect(series.values).toHaveLength(11);
      }
      const regression = (charts[2] as DashboardChart).markers!.filter((m) => m.kind === "regression");
      expect(regression).toHaveLength(1);
      expect(new Date(regression[0]!.x * 1000).toISOString()).toBe("2026-03-09T00:00:00.000Z");
      expect(regression[0]!.y).toBe(75);
      expect(regression[0]!.label).toContain(HOSTILE_METRIC);
      expect(await page.locator(".kz-chart").count()).toBe(5);

      expect(await chromium.seriousViolations(page)).toEqual([]);
      await page.screenshot({ path: "test-artifacts/dora-page.png", fullPage: true });
      await page.close();
      expect(chromium.errors).toEqual([]);
    });

    it("shows longer periods and one environment when asked, and links the API with the same range", async () => {
      const year = await tableRows("weeks=52");
      expect(year.size).toBe(52);
      expect(year.get("total")![0]).toBe("10");
      const staging = await tableRows("environment=staging");
      // D107 alone: commit 97 (09:00) deployed 10:00 → lead 1 h, as the API's CSV says.
      expect(staging.get("2026-03-02")).toEqual(["1", "1", "1", "1", "1", "0", "0.0%", "0", "0", "—", "0", "0.0%"]);
      // An environment that never deployed is not a view: the production set is shown instead.
      expect((await tableRows("environment=nowhere")).get("total")![0]).toBe("10");

      const page = await chromium.open((await doraDashboardPage.render(context("environment=staging&weeks=26")))!);
      const links = await page.locator("a").evaluateAll((as) => as.map((a) => [(a as HTMLElement).innerText, a.getAttribute("href"), a.getAttribute("aria-current")]));
      expect(links).toContainEqual(["staging", "?environment=staging&weeks=26", "page"]);
      expect(links).toContainEqual(["26 weeks", "?environment=staging&weeks=26", "page"]);
      expect(links).toContainEqual(["production (config)", "?weeks=26", null]);
      expect(links).toContainEqual(["CSV", "/api/dora/octo-org/shop?environment=staging&from=2025-09-22T00%3A00%3A00.000Z&to=2026-03-16T00%3A00%3A00.000Z&format=csv", null]);
      await page.close();
    });

    it("names the deploys whose commits GitHub could not compare, once one was refused", async () => {
      const problems = async () => {
        const page = await chromium.open((await doraDashboardPage.render(context()))!);
        const items = await page.locator(".kz-dora-compare-problems li").allInnerTexts();
        expect(await page.locator("img").count()).toBe(0);
        await page.close();
        return items;
      };
      expect(await problems()).toEqual([]);
      const problem = "GitHub could not compare aaaaaaa...bbbbbbb (GitHub answered 404: Not Found <img src=x>)";
      await db.pool.query(
        `insert into dora_deployment_compares (repo_id, github_deployment_id, base_sha, problem) values ($1, 104, 'a', $2)
         on conflict (repo_id, github_deployment_id) do update set problem = excluded.problem`,
        [REPO.id, problem],
      );
      const [item, ...rest] = await problems();
      expect(rest).toEqual([]);
      expect(item).toMatch(/^Deployment 104 \(\w{40}, production, .+\): /);
      expect(item!.endsWith(problem)).toBe(true);
      await db.pool.query("update dora_deployment_compares set problem = null where github_deployment_id = 104");
    });
  });

  describe("the overview tile", () => {
    it("shows the five keys of the last 12 weeks with their trend, linking the DORA page", async () => {
      const tile = (await doraOverviewTile.render({ ...context(), publicUrl: "https://kaizen.example.com" }))!;
      const page = await chromium.open(tile);
      expect(await page.locator("h2 a").getAttribute("href")).toBe("https://kaizen.example.com/octo-org/shop/dora");
      const keys = await page.locator(".kz-dora-key").evaluateAll((lis) => lis.map((li) => [li.getAttribute("data-key"), li.querySelector(".kz-figure")!.textContent]));
      expect(keys).toEqual([
        ["deployment-frequency", "0.91 deploys/week"],
        ["change-lead-time", "12 h"],
        ["change-fail-rate", "50.0%"],
        ["failed-deployment-recovery-time", "4.5 h"],
        ["deployment-rework-rate", "30.0%"],
      ]);
      // The trend drawn (a line over the weeks) and said in words.
      expect(await page.locator("svg.kz-sparkline polyline").count()).toBe(5);
      expect(await page.locator(".kz-dora-key .kz-trend").first().innerText()).toBe("Trend: 0 deploys in the week of 2025-12-29, 4 deploys in the week of 2026-03-09.");
      expect(await chromium.seriousViolations(page)).toEqual([]);
      await page.close();
    });
  });

  describe("after a fact changes", () => {
    it("computes the keys anew instead of showing the report it kept", async () => {
      const figure = async () => {
        const page = await chromium.open((await doraOverviewTile.render(context()))!);
        const value = await page.locator(".kz-dora-key[data-key='deployment-frequency'] .kz-figure").innerText();
        await page.close();
        return value;
      };
      expect(await figure()).toBe("0.91 deploys/week");
      await db.pool.query(
        `insert into dora_deployments (repo_id, owner, repo, installation_id, github_deployment_id, environment, sha, ref, created_at, succeeded_at)
         values ($1, $2, $3, 31, 999, 'production', $4, 'main', '2026-03-13T10:00:00Z', '2026-03-13T10:05:00Z')`,
        [REPO.id, REPO.owner, REPO.name, "f".repeat(40)],
      );
      expect(await figure()).toBe("1 deploys/week");
      await db.pool.query("delete from dora_deployments where github_deployment_id = 999");
      expect(await figure()).toBe("0.91 deploys/week");
    });
  });

  describe("for a repository without deploys", () => {
    it("answers 404 for the page and leaves the tile out", async () => {
      expect(await doraDashboardPage.render(context("", EMPTY))).toBeUndefined();
      expect(await doraOverviewTile.render(context("", EMPTY))).toBeUndefined();
    });
  });
});
