import { radarDashboardPage } from "../../src/radar/dashboard.js";
import type { NewRadarItem } from "../../src/radar/model/radar-item.js";
import { upsertRadarItem } from "../../src/radar/store/radar-items.js";
import { saveRadarLayout } from "../../src/radar/store/radar-layouts.js";
import { recordRadarMovement } from "../../src/radar/store/radar-movements.js";
import { recordRadarReview } from "../../src/radar/store/radar-reviews.js";
import { replaceRadarTrendLinks } from "../../src/radar/store/radar-trend-links.js";
import type { DashboardContext } from "../../src/web/dashboard-page.js";
import { useChromium } from "../helpers/page-in-chromium.js";
import { useTestDatabase } from "../helpers/test-database.js";

const REPO = { id: 4100, owner: "octo-org", name: "shop" };
const OTHER = { id: 4101, owner: "octo-org", name: "empty" };
const issueUrl = (n: number) => `https://github.com/${REPO.owner}/${REPO.name}/issues/${n}`;
const RINGS = ["adopt", "trial", "assess", "hold"];
const QUADRANTS = ["techniques", "tools", "platforms", "languages"];

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
    const pool = db.pool;
    const item = (issueNumber: number, title: string, ring: string | null, quadrant: string | null, extra: Partial<NewRadarItem> = {}): NewRadarItem => ({
      repoId: REPO.id, owner: REPO.owner, repo: REPO.name, installationId: 3, issueNumber, kind: "radar", title, body: "",
      url: issueUrl(issueNumber), ring, quadrant, trend: null, impact: null, status: "active", thumbsUp: 0, problem: null,
      announcedProblem: null, ...extra,
    });
    await saveRadarLayout(pool, REPO.id, { rings: RINGS, quadrants: QUADRANTS });
    const ts = await upsertRadarItem(pool, item(1, "TypeScript", "adopt", "languages"));
    const jenkins = await upsertRadarItem(pool, item(2, "Jenkins", "hold", "tools"));
    await upsertRadarItem(pool, item(3, "Bun <script>alert(1)</script>", "assess", "platforms"));
    await upsertRadarItem(pool, item(4, "Kubernetes", "trial", "platforms"));
    // A crowded cell: twelve techniques in Assess must all stay inside their ring and quadrant.
    for (let n = 10; n < 22; n++) await upsertRadarItem(pool, item(n, `Technique ${n}`, "assess", "techniques"));
    await upsertRadarItem(pool, item(5, "Grunt", "hold", "tools", { status: "retired" }));
    await upsertRadarItem(pool, item(6, "Half placed", null, "tools", { status: "pending" }));
    const trend = await upsertRadarItem(pool, item(9, "Edge runtimes", null, null, { kind: "trend", trend: "rising", impact: "high" }));
    await replaceRadarTrendLinks(pool, trend.id, REPO.id, [3]);
    await pool.query("update radar_items set created_at = '2026-01-10T10:00:00Z' where repo_id = $1 and issue_number <> 3", [REPO.id]);
    await pool.query("update radar_items set created_at = '2026-08-20T10:00:00Z' where repo_id = $1 and issue_number = 3", [REPO.id]);
    const review = await recordRadarReview(pool, { repoId: REPO.id, issueNumber: 40, url: issueUrl(40), period: "2026-07-06T09:00:00Z", previousReviewId: null });
    await pool.query("update radar_reviews set created_at = '2026-07-06T09:00:00Z' where id = $1", [review.id]);
    const move = { source: "label" as const, link: null };
    await recordRadarMovement(pool, { ...move, itemId: ts.id, field: "ring", from: null, to: "trial", actor: "octocat", reason: null, movedAt: new Date("2026-01-10T10:00:00Z"), idempotencyKey: "a" });
    await recordRadarMovement(pool, { ...move, itemId: ts.id, field: "ring", from: "trial", to: "adopt", actor: "hubot", reason: "every service <b>uses</b> it", movedAt: new Date("2026-08-02T12:00:00Z"), idempotencyKey: "b" });
    await recordRadarMovement(pool, { ...move, itemId: jenkins.id, field: "ring", from: "trial", to: "hold", actor: "octocat", reason: "GitHub Actions replaced it", movedAt: new Date("2026-09-01T08:00:00Z"), idempotencyKey: "c" });
    await pool.query(
      `insert into experiments (repo_id, owner, repo, installation_id, issue_number, title, state, decided_at)
       values ($1, $2, $3, 3, 60, 'Strict mode halves bugs', 'confirmed', now()), ($1, $2, $3, 3, 61, 'Broken block', 'invalid', null)`,
      [REPO.id, REPO.owner, REPO.name],
    );
    await pool.query("insert into experiment_mentions (repo_id, experiment_issue, mentioned_issue) values ($1, 60, 1), ($1, 61, 1)", [REPO.id]);
  });

  describe("for a repository with a radar", () => {
    it("draws every active item as a blip inside its ring and quadrant, marked new, moved in or moved out", async () => {
      const rendered = (await radarDashboardPage.render(context()))!;
      expect(rendered.title).toBe("Tech radar · octo-org/shop");
      const page = await chromium.open(rendered);
      const drawn = await page.evaluate(() => {
        const svg = document.querySelector("svg.kz-radar")!;
        const [, , size] = svg.getAttribute("viewBox")!.split(" ").map(Number);
        const center = size! / 2;
        const ring = (name: string) => {
          const circle = svg.querySelector(`circle.kz-ring[data-ring="${name}"]`)!;
          return { inner: Number(circle.getAttribute("data-inner-radius")), outer: Number(circle.getAttribute("r")) };
        };
        return [...svg.querySelectorAll("a.kz-blip")].map((blip) => {
          // Where the browser drew the shape, not what the attributes claim.
          const box = (blip.querySelector("path") as SVGPathElement).getBBox();
          const x = box.x + box.width / 2 - center;
          const y = box.y + box.height / 2 - center;
          const angle = (Math.atan2(y, x) * 180) / Math.PI;
          return {
            issue: Number(blip.getAttribute("data-issue")),
            ringName: blip.getAttribute("data-ring"),
            quadrant: blip.getAttribute("data-quadrant"),
            moved: blip.getAttribute("data-moved"),
            name: blip.getAttribute("aria-label"),
            href: blip.getAttribute("href"),
            distance: Math.hypot(x, y),
            ring: ring(blip.getAttribute("data-ring")!),
            // Clockwise from 12 o'clock, 0–360.
            bearing: (angle + 90 + 360) % 360,
          };
        });
      });
      expect(drawn.map((b) => b.issue).sort((a, b) => a - b)).toEqual([1, 2, 3, 4, ...Array.from({ length: 12 }, (_, i) => 10 + i)]);
      const quadrantIndex = (name: string | null) => ["techniques", "tools", "platforms", "languages"].indexOf(name!);
      for (const blip of drawn) {
        expect(blip.distance).toBeGreaterThan(blip.ring.inner);
        expect(blip.distance).toBeLessThan(blip.ring.outer);
        expect(Math.floor(blip.bearing / 90)).toBe(quadrantIndex(blip.quadrant));
        expect(blip.href).toBe(`#item-${blip.issue}`);
      }
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

  describe("for a repository without radar items", () => {
    it("answers nothing (404)", async () => {
      expect(await radarDashboardPage.render(context(OTHER))).toBeUndefined();
    });
  });
});
