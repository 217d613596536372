import { radarDashboardPage, radarOverviewTile } from "../../src/radar/dashboard.js";
import type { DashboardContext } from "../../src/web/dashboard-page.js";
import { useChromium } from "../helpers/page-in-chromium.js";
import { blipsOutsideTheirPlace, readRadarBlips } from "../helpers/read-radar-blips.js";
import { seedRadar, RADAR_BLIP_ISSUES, RADAR_QUADRANTS } from "../helpers/seed-radar.js";
import { useTestDatabase } from "../helpers/test-database.js";

const REPO = { id: 4100, owner: "octo-org", name: "shop" };
const OTHER = { id: 4101, owner: "octo-org", name: "empty" };
const issueUrl = (n: number) => `https://github.com/${REPO.owner}/${REPO.name}/issues/${n}`;

describe("GET /{owner}/{repo}/radar (the radar page)", () => {
  const db = useTestDatabase();
  const chromium = useChromium();
  const context = (repo = REPO, publicUrl = ""): DashboardContext => ({
    db: db.pool,
    repo,
    params: {},
    query: new URLSearchParams(),
    publicUrl,
    now: new Date("2026-10-05T10:00:00Z"),
  });

  beforeAll(async () => {
    await seedRadar(db.pool, REPO);
  });

  describe("for a repository with a radar", () => {
    it("draws every active item as a blip inside its ring and quadrant, marked new, moved in or moved out", async () => {
      const rendered = (await radarDashboardPage.render(context()))!;
      expect(rendered.title).toBe("Tech radar · octo-org/shop");
      const page = await chromium.open(rendered);
      const drawn = await readRadarBlips(page);
      expect(drawn.map((b) => b.issue).sort((a, b) => a - b)).toEqual(RADAR_BLIP_ISSUES);
      for (const blip of drawn) expect(blip.href).toBe(`#item-${blip.issue}`);
      expect(blipsOutsideTheirPlace(drawn, RADAR_QUADRANTS)).toEqual([]);
      const byIssue = new Map(drawn.map((b) => [b.issue, b]));
      expect([1, 2, 3, 4].map((n) => [byIssue.get(n)!.ringName, byIssue.get(n)!.moved])).toEqual([
        ["adopt", "in"],
        ["hold", "out"],
        ["assess", "new"],
        ["trial", "none"],
      ]);
      expect(byIssue.get(1)!.name).toMatch(/^\d+\. TypeScript: Adopt, Languages, moved in$/);
      // Blips of a crowded cell do not sit on top of each other.
      const crowded = drawn.filter((b) => b.issue >= 10);
      for (const a of crowded) for (const b of crowded) if (a !== b) expect(Math.hypot(a.distance - b.distance, a.bearing - b.bearing)).toBeGreaterThan(1);

      expect(await chromium.seriousViolations(page)).toEqual([]);
      await page.screenshot({ path: "test-artifacts/radar-page.png", fullPage: true });
      await page.close();
      expect(chromium.errors).toEqual([]);
    });

    it("lists each item's movements with their reasons, its trends and its experiments, escaping user text", async () => {
      const rendered = (await radarDashboardPage.render(context()))!;
      const page = await chromium.open(rendered);
      const typescript = await page.locator("#item-1").innerText();
      expect(typescript).toContain("Adopt · Languages · active · moved in since the last review");
      expect(typescript).toMatch(/2026-08-02T12:00:00Z\s+Ring: Trial → Adopt\s+hubot\s+every service <b>uses<\/b> it/);
      expect(typescript).toContain("Experiments: Strict mode halves bugs (#60, confirmed)");
      expect(typescript).not.toContain("Broken block");
      expect(await page.locator("#item-1 a", { hasText: "Strict mode halves bugs" }).getAttribute("href")).toBe(issueUrl(60));
      expect(await page.locator("#item-3").innerText()).toContain("Market trends: Edge runtimes (rising, high impact)");
      // Retired and pending items keep their history on the page, without a blip.
      expect(await page.locator("#item-5").innerText()).toContain("retired");
      expect(await page.locator("#item-6").innerText()).toContain("pending");
      // The title with a script tag is text, never markup.
      expect(rendered.html).not.toContain("<script>alert(1)");
      expect(await page.locator("#item-3 h4").innerText()).toContain("Bun <script>alert(1)</script>");
      await page.close();
      expect(chromium.errors).toEqual([]);
    });

    it("links the API's exports of the same data, under the public URL when one is set", async () => {
      const hrefs = async (publicUrl: string) => {
        const page = await chromium.open((await radarDashboardPage.render(context(REPO, publicUrl)))!);
        const found = await page.locator("a", { hasText: / as / }).evaluateAll((links) => links.map((a) => a.getAttribute("href")));
        await page.close();
        return found;
      };
      expect(await hrefs("")).toEqual([
        "/api/radar/octo-org/shop?format=json",
        "/api/radar/octo-org/shop?format=byor-csv",
        "/api/radar/octo-org/shop?format=zalando",
        "/api/radar/octo-org/shop?format=backstage",
        "/api/trends/octo-org/shop?format=json",
        "/api/trends/octo-org/shop?format=csv",
      ]);
      expect(await hrefs("https://kaizen.example.com")).toContain("https://kaizen.example.com/api/radar/octo-org/shop?format=byor-csv");
    });

    it("draws the same picture on every view", async () => {
      const first = (await radarDashboardPage.render(context()))!.html;
      const second = (await radarDashboardPage.render(context()))!.html;
      expect(second).toBe(first);
    });
  });

  describe("the overview tile", () => {
    it("counts the active items of each ring, says how many wait for valid labels, and links the radar", async () => {
      const page = await chromium.open((await radarOverviewTile.render(context(REPO, "https://kaizen.example.com")))!);
      expect(await page.locator("h2 a").getAttribute("href")).toBe("https://kaizen.example.com/octo-org/shop/radar");
      expect(await page.locator(".kz-radar-rings li").allInnerTexts()).toEqual(["Adopt: 1", "Trial: 1", "Assess: 13", "Hold: 1"]);
      expect(await page.locator("p").innerText()).toBe("16 items on the radar, 1 waiting for valid labels.");
      expect(await chromium.seriousViolations(page)).toEqual([]);
      await page.close();
    });
  });

  describe("for a repository without radar items", () => {
    it("answers nothing (404) and leaves the overview tile out", async () => {
      expect(await radarDashboardPage.render(context(OTHER))).toBeUndefined();
      expect(await radarOverviewTile.render(context(OTHER))).toBeUndefined();
    });
  });
});
