import { API_RATE_LIMIT } from "../../src/http/token-rate-limit.js";
import { TechRadarLoaderResponseParser } from "@backstage-community/plugin-tech-radar-common";
import nock from "nock";
import { upsertRadarItem } from "../../src/radar/store/radar-items.js";
import { type NewRadarItem } from "../../src/radar/model/radar-item.js";
import { recordRadarMovement } from "../../src/radar/store/radar-movements.js";
import { recordRadarReview } from "../../src/radar/store/radar-reviews.js";
import { replaceRadarTrendLinks } from "../../src/radar/store/radar-trend-links.js";
import { newRadarItem } from "../helpers/new-radar-item.js";
import { useKaizenServer } from "../helpers/use-kaizen-server.js";

// A GitHub Enterprise Server: every call, the access check included, must go to the app's own base URL.
const GHE = "https://ghe.example.com";
const API = "/api/v3";
const REPO = { owner: "octo-org", repo: "shop" };
const INSTALLATION_ID = 31;
const TOKEN = "ghu_reader";
const CONFIG = "radar: {}\n";
const REPO_IDS: Record<string, number> = { shop: 900, wide: 901 };
const issueUrl = (n: number) => `${GHE}/${REPO.owner}/${REPO.repo}/issues/${n}`;

describe("GET /api/radar and /api/trends", () => {
  const kaizenApp = useKaizenServer({ githubBaseUrl: `${GHE}${API}`, allowPending: ["access_tokens", "kaizen.yml"] });

  beforeAll(seedRadar);
  beforeEach(() => {
    nock(GHE)
      .post(`${API}/app/installations/${INSTALLATION_ID}/access_tokens`)
      .reply(201, { token: "ghs_test", expires_at: new Date(Date.now() + 3600e3).toISOString(), permissions: {} })
      .persist();
    nock(GHE)
      .get(`${API}/repos/${REPO.owner}/${REPO.repo}/contents/${encodeURIComponent(".github/kaizen.yml")}`)
      .reply(200, CONFIG, { "content-type": "text/plain; charset=utf-8" })
      .persist();
  });
  // A token of its own for each test: the API's per-token rate limit is real here, and the file's requests together
  // pass its burst (the rate-limit test below spends a token of its own on purpose).
  let token = TOKEN;
  let tests = 0;
  beforeEach(() => {
    tests += 1;
    token = `${TOKEN}_${tests}`;
  });

  /** The token's access check at the app's base URL: `status` 200 grants it, for the repository GitHub gives that name now. */
  function nockAccessCheck(status: number, repo = REPO.repo, id = REPO_IDS[repo] ?? 999): nock.Scope {
    return nock(GHE)
      .get(`${API}/repos/${REPO.owner}/${repo}`)
      .matchHeader("authorization", `Bearer ${token}`)
      .reply(status, status === 200 ? { id, full_name: `${REPO.owner}/${repo}`, private: true } : { message: "Not Found" });
  }

  function get(path: string, as: string | null = token): Promise<Response> {
    return fetch(`${kaizenApp.base}${path}`, { headers: as ? { authorization: `Bearer ${as}` } : {} });
  }

  async function seedRadar(): Promise<void> {
    const pool = kaizenApp.pool;
    const item = (issueNumber: number, fields: Partial<NewRadarItem>): NewRadarItem =>
      newRadarItem({ repoId: 900, ...REPO, installationId: INSTALLATION_ID, issueNumber, url: issueUrl(issueNumber) }, fields);
    const ts = await upsertRadarItem(pool, item(1, { title: "TypeScript", body: "Typed, everywhere", ring: "adopt", quadrant: "languages-and-frameworks" }));
    const k8s = await upsertRadarItem(pool, item(2, { title: "Kubernetes", ring: "trial", quadrant: "platforms" }));
    await upsertRadarItem(pool, item(3, { title: "Bun", ring: "assess", quadrant: "platforms", thumbsUp: 5 }));
    // Deleted, or transferred to a repository the token may not read: its text must not be served from here.
    await upsertRadarItem(pool, item(4, { title: "Secret acquisition", body: "moved to octo-org/private", ring: "hold", quadrant: "tools", status: "gone" }));
    const trend = await upsertRadarItem(pool, item(9, { kind: "trend", title: "Edge runtimes", body: "See #3", trend: "rising", impact: "high" }));
    await replaceRadarTrendLinks(pool, trend.id, 900, [3]);
    await upsertRadarItem(pool, { ...item(1, { title: "Spark", ring: "adopt", quadrant: "data" }), repoId: 901, repo: "wide", url: `${GHE}/${REPO.owner}/wide/issues/1` });
    await pool.query("update radar_items set created_at = '2026-01-10T10:00:00Z' where issue_number in (1, 2, 9)");
    await pool.query("update radar_items set created_at = '2026-08-01T10:00:00Z' where issue_number = 3");
    const review = await recordRadarReview(pool, { repoId: 900, issueNumber: 40, url: issueUrl(40), period: "2026-07-06T09:00:00Z", previousReviewId: null });
    await pool.query("update radar_reviews set created_at = '2026-07-06T09:00:00Z' where id = $1", [review.id]);
    const move = { actor: "octocat", source: "label" as const, link: null };
    await recordRadarMovement(pool, { ...move, itemId: ts.id, field: "ring", from: "trial", to: "adopt", reason: "every service uses it", movedAt: new Date("2026-08-02T12:00:00Z"), idempotencyKey: "d1:ring" });
    await recordRadarMovement(pool, { ...move, itemId: k8s.id, field: "ring", from: "assess", to: "trial", reason: null, movedAt: new Date("2026-03-01T12:00:00Z"), idempotencyKey: "d2:ring" });
    await pool.query(
      `insert into experiments (repo_id, owner, repo, installation_id, issue_number, title, state, decided_at)
       values (900, $1, $2, 1, 60, 'Strict TS halves bugs', 'refuted', now())`,
      [REPO.owner, REPO.repo],
    );
    await pool.query("insert into experiment_mentions (repo_id, experiment_issue, mentioned_issue) values (900, 60, 1)");
  }

  describe("without a token", () => {
    it("answers 401 with WWW-Authenticate: Bearer, asking GitHub nothing", async () => {
      const response = await get(`/api/radar/${REPO.owner}/${REPO.repo}`, null);
      expect(response.status).toBe(401);
      expect(response.headers.get("www-authenticate")).toMatch(/^Bearer/);
      expect(await response.json()).toEqual({ message: expect.stringContaining("Authorization: Bearer") });
    });
  });

  describe("with a token that cannot read the repository", () => {
    it("answers 404 (asked of GitHub at the app's base URL) with the same body as for a repository without a radar", async () => {
      const denied = nockAccessCheck(404);
      const noAccess = await get(`/api/radar/${REPO.owner}/${REPO.repo}`);
      expect(denied.isDone()).toBe(true);

      const allowed = nockAccessCheck(200, "no-radar");
      const noRadar = await get(`/api/radar/${REPO.owner}/no-radar`);
      expect(allowed.isDone()).toBe(true);

      expect(noAccess.status).toBe(404);
      expect(noRadar.status).toBe(404);
      expect(await noAccess.text()).toBe(await noRadar.text());
    });

    it.each([401, 403])("answers 404 when GitHub answers %i", async (status) => {
      nockAccessCheck(status);
      expect((await get(`/api/trends/${REPO.owner}/${REPO.repo}`)).status).toBe(404);
    });
  });

  describe("when the private repository was renamed and a new public one took its name", () => {
    it("answers 404 for the new repository, never the old one's items, for trends as for the radar", async () => {
      // The rows of octo-org/shop are under id 900; GitHub now says octo-org/shop is id 4242, public.
      for (const kind of ["radar", "trends"]) {
        const check = nock(GHE)
          .get(`${API}/repos/${REPO.owner}/${REPO.repo}`)
          .matchHeader("authorization", `Bearer ${token}`)
          .reply(200, { id: 4242, full_name: `${REPO.owner}/${REPO.repo}`, private: false });
        const response = await get(`/api/${kind}/${REPO.owner}/${REPO.repo}`);
        expect(check.isDone()).toBe(true);
        expect(response.status).toBe(404);
        const body = await response.text();
        expect(body).not.toMatch(/TypeScript|Typed, everywhere|Kubernetes|Edge runtimes/);
        expect(JSON.parse(body)).toEqual({ message: "Not Found: no radar here, or the token cannot read this repository." });
      }
    });
  });

  describe("when GitHub answers the access check without a repository id", () => {
    it("answers 502 and shows nothing", async () => {
      nock(GHE).get(`${API}/repos/${REPO.owner}/${REPO.repo}`).reply(200, { full_name: `${REPO.owner}/${REPO.repo}` });
      expect((await get(`/api/radar/${REPO.owner}/${REPO.repo}`)).status).toBe(502);
    });
  });

  describe("when GitHub fails the access check", () => {
    it("answers 502 and shows nothing", async () => {
      nockAccessCheck(500);
      const response = await get(`/api/radar/${REPO.owner}/${REPO.repo}`);
      expect(response.status).toBe(502);
      expect(await response.json()).toEqual({ message: "GitHub did not answer the access check; try again later." });
    });
  });

  describe("with more quadrants than the format can draw", () => {
    it("answers 422 saying why, and still answers JSON", async () => {
      nock(GHE)
        .get(`${API}/repos/${REPO.owner}/wide/contents/${encodeURIComponent(".github/kaizen.yml")}`)
        .times(2)
        .reply(200, "radar:\n  quadrants: [techniques, tools, platforms, languages-and-frameworks, data]\n", { "content-type": "text/plain; charset=utf-8" });
      nockAccessCheck(200, "wide");
      nockAccessCheck(200, "wide");
      const zalando = await get(`/api/radar/${REPO.owner}/wide?format=zalando`);
      expect(zalando.status).toBe(422);
      expect(await zalando.json()).toEqual({
        message: "Cannot export as zalando: the zalando viewer draws exactly 4 quadrants and 4 rings; this radar has 5 quadrants and 4 rings (a smaller radar is padded, a larger one cannot be drawn).",
      });
      const json = await get(`/api/radar/${REPO.owner}/wide`);
      expect(json.status).toBe(200);
      expect((await json.json()).items.map((i: any) => [i.title, i.quadrant])).toEqual([["Spark", "data"]]);
    });
  });

  describe("when an item's issue was deleted or transferred (issue 10, item 11)", () => {
    it.each(["json", "byor-csv", "zalando", "backstage"])("serves none of its text in %s", async (format) => {
      nockAccessCheck(200);
      const response = await get(`/api/radar/${REPO.owner}/${REPO.repo}?format=${format}`);
      expect(response.status).toBe(200);
      const body = await response.text();
      expect(body).toContain("TypeScript");
      expect(body).not.toMatch(/Secret acquisition|octo-org\/private/);
    });
  });

  describe("with a token that asks too often (issue 10, item 10)", () => {
    it("answers 429 with Retry-After past the burst, before asking GitHub or reading the config", async () => {
      const token = "ghp_hammering";
      const checks = nock(GHE)
        .get(`${API}/repos/${REPO.owner}/${REPO.repo}`)
        .matchHeader("authorization", `Bearer ${token}`)
        .times(API_RATE_LIMIT.burst)
        .reply(404, { message: "Not Found" });
      const statuses: number[] = [];
      for (let i = 0; i < API_RATE_LIMIT.burst + 5; i++) statuses.push((await get(`/api/radar/${REPO.owner}/${REPO.repo}`, token)).status);

      expect(statuses.slice(0, API_RATE_LIMIT.burst).every((s) => s === 404)).toBe(true);
      expect(statuses.slice(API_RATE_LIMIT.burst)).toEqual([429, 429, 429, 429, 429]);
      expect(checks.isDone()).toBe(true);
      const limited = await get(`/api/radar/${REPO.owner}/${REPO.repo}`, token);
      expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(0);
      expect(await limited.json()).toEqual({ message: expect.stringMatching(/^Too many requests with this token; try again in \d+ s\.$/) });
    });
  });

  describe("with an unknown format", () => {
    it("answers 400 listing the formats", async () => {
      const response = await get(`/api/radar/${REPO.owner}/${REPO.repo}?format=svg`);
      expect(response.status).toBe(400);
      expect(await response.json()).toEqual({
        message: 'Unknown format "svg"; use one of: json, byor-csv, zalando, backstage.',
        formats: ["json", "byor-csv", "zalando", "backstage"],
      });
    });
  });

  describe("with a token that can read the repository", () => {
    it("answers the radar as JSON by default, with moves relative to the last review and history", async () => {
      nockAccessCheck(200);
      const response = await get(`/api/radar/${REPO.owner}/${REPO.repo}`);
      expect(response.status).toBe(200);
      expect(response.headers.get("content-type")).toBe("application/json; charset=utf-8");
      expect(response.headers.get("cache-control")).toBe("private, no-store");
      expect(await response.json()).toEqual({
        repo: "octo-org/shop",
        rings: ["adopt", "trial", "assess", "hold"],
        quadrants: ["techniques", "tools", "platforms", "languages-and-frameworks"],
        lastReview: { number: 40, url: issueUrl(40), createdAt: "2026-07-06T09:00:00.000Z" },
        items: [
          {
            number: 1,
            title: "TypeScript",
            description: "Typed, everywhere",
            url: issueUrl(1),
            ring: "adopt",
            quadrant: "languages-and-frameworks",
            status: "active",
            moved: "in",
            thumbsUp: 0,
            trends: [],
            experiments: [{ number: 60, title: "Strict TS halves bugs", url: issueUrl(60), state: "refuted" }],
            history: [
              { field: "ring", from: "trial", to: "adopt", actor: "octocat", reason: "every service uses it", movedAt: "2026-08-02T12:00:00.000Z" },
            ],
          },
          {
            number: 2,
            title: "Kubernetes",
            description: "",
            url: issueUrl(2),
            ring: "trial",
            quadrant: "platforms",
            status: "active",
            moved: null,
            thumbsUp: 0,
            trends: [],
            experiments: [],
            history: [{ field: "ring", from: "assess", to: "trial", actor: "octocat", reason: null, movedAt: "2026-03-01T12:00:00.000Z" }],
          },
          {
            number: 3,
            title: "Bun",
            description: "",
            url: issueUrl(3),
            ring: "assess",
            quadrant: "platforms",
            status: "active",
            moved: "new",
            thumbsUp: 5,
            trends: [9],
            experiments: [],
            history: [],
          },
        ],
      });
    });

    it("answers Build Your Own Radar CSV as text/csv", async () => {
      nockAccessCheck(200);
      const response = await get(`/api/radar/${REPO.owner}/${REPO.repo}?format=byor-csv`);
      expect(response.status).toBe(200);
      expect(response.headers.get("content-type")).toBe("text/csv; charset=utf-8");
      expect(await response.text()).toBe(
        "name,ring,quadrant,isNew,status,description\r\n" +
          'TypeScript,adopt,languages-and-frameworks,FALSE,Moved In,"Typed, everywhere"\r\n' +
          "Kubernetes,trial,platforms,FALSE,No Change,\r\n" +
          "Bun,assess,platforms,TRUE,New,\r\n",
      );
    });

    it("answers Zalando tech-radar entries", async () => {
      nockAccessCheck(200);
      const response = await get(`/api/radar/${REPO.owner}/${REPO.repo}?format=zalando`);
      expect(response.status).toBe(200);
      expect(await response.json()).toEqual({
        quadrants: [{ name: "Techniques" }, { name: "Tools" }, { name: "Platforms" }, { name: "Languages and frameworks" }],
        rings: [
          { name: "ADOPT", color: "#5ba300" },
          { name: "TRIAL", color: "#009eb0" },
          { name: "ASSESS", color: "#c7ba00" },
          { name: "HOLD", color: "#e09b96" },
        ],
        entries: [
          { quadrant: 3, ring: 0, label: "TypeScript", active: true, link: issueUrl(1), moved: 1 },
          { quadrant: 2, ring: 1, label: "Kubernetes", active: true, link: issueUrl(2), moved: 0 },
          { quadrant: 2, ring: 2, label: "Bun", active: true, link: issueUrl(3), moved: 2 },
        ],
      });
    });

    it("answers a Backstage TechRadarLoaderResponse", async () => {
      nockAccessCheck(200);
      const response = await get(`/api/radar/${REPO.owner}/${REPO.repo}?format=backstage`);
      expect(response.status).toBe(200);
      const radar = await response.json();
      // Backstage's own parser (the tech-radar plugin's zod schema) accepts the answer as it is.
      expect(TechRadarLoaderResponseParser.safeParse(radar)).toMatchObject({ success: true });
      expect(TechRadarLoaderResponseParser.safeParse({ ...radar, entries: [{ ...radar.entries[0], timeline: "x" }] }).success).toBe(false);
      expect(radar.quadrants).toEqual([
        { id: "techniques", name: "Techniques" },
        { id: "tools", name: "Tools" },
        { id: "platforms", name: "Platforms" },
        { id: "languages-and-frameworks", name: "Languages and frameworks" },
      ]);
      expect(radar.rings.map((r: any) => [r.id, r.name])).toEqual([
        ["adopt", "ADOPT"],
        ["trial", "TRIAL"],
        ["assess", "ASSESS"],
        ["hold", "HOLD"],
      ]);
      // Each entry is keyed by its issue number and links its issue; its timeline runs newest first.
      const entry = (issue: number, title: string, quadrant: string, description: string, timeline: object[]) => ({
        id: String(issue),
        key: String(issue),
        title,
        quadrant,
        description,
        url: issueUrl(issue),
        links: [{ url: issueUrl(issue), title: `Issue #${issue}` }],
        timeline,
      });
      const moved = (ringId: string, date: string, description: string) => ({ moved: 1, ringId, date, description });
      const placed = (ringId: string, date: string) => ({ moved: 0, ringId, date, description: "Placed on the radar" });
      expect(radar.entries).toEqual([
        entry(1, "TypeScript", "languages-and-frameworks", "Typed, everywhere", [
          moved("adopt", "2026-08-02T12:00:00.000Z", "Moved Trial → Adopt by @octocat: every service uses it"),
          placed("trial", "2026-01-10T10:00:00.000Z"),
        ]),
        entry(2, "Kubernetes", "platforms", "", [
          moved("trial", "2026-03-01T12:00:00.000Z", "Moved Assess → Trial by @octocat"),
          placed("assess", "2026-01-10T10:00:00.000Z"),
        ]),
        entry(3, "Bun", "platforms", "", [placed("assess", "2026-08-01T10:00:00.000Z")]),
      ]);
    });

    it("answers the trends as JSON and as CSV", async () => {
      nockAccessCheck(200);
      nockAccessCheck(200);
      const json = await get(`/api/trends/${REPO.owner}/${REPO.repo}`);
      const csv = await get(`/api/trends/${REPO.owner}/${REPO.repo}?format=csv`);
      expect(await json.json()).toEqual({
        repo: "octo-org/shop",
        trends: [
          {
            number: 9,
            title: "Edge runtimes",
            description: "See #3",
            url: issueUrl(9),
            trend: "rising",
            impact: "high",
            status: "active",
            radarItems: [{ number: 3, title: "Bun", ring: "assess" }],
          },
        ],
      });
      expect(csv.headers.get("content-type")).toBe("text/csv; charset=utf-8");
      expect(await csv.text()).toBe(`name,trend,impact,status,url,radar_items,description\r\nEdge runtimes,rising,high,active,${issueUrl(9)},#3,See #3\r\n`);
    });
  });
});

describe("GET /api/radar with the config cached", () => {
  const kaizenApp = useKaizenServer({ githubBaseUrl: `${GHE}${API}`, configFreshSeconds: 600 });
  beforeAll(async () => {
    const at = { repoId: 900, ...REPO, installationId: INSTALLATION_ID, issueNumber: 1, url: issueUrl(1) };
    await upsertRadarItem(kaizenApp.pool, newRadarItem(at, { title: "TypeScript", ring: "adopt", quadrant: "languages-and-frameworks" }));
  });

  it("reads kaizen.yml with the installation's token for the first request only", async () => {
    const token = nock(GHE)
      .post(`${API}/app/installations/${INSTALLATION_ID}/access_tokens`)
      .reply(201, { token: "ghs_test", expires_at: new Date(Date.now() + 3600e3).toISOString(), permissions: {} });
    const access = nock(GHE).get(`${API}/repos/${REPO.owner}/${REPO.repo}`).times(2).reply(200, { id: 900, full_name: `${REPO.owner}/${REPO.repo}`, private: true });
    // Answers once: a second contents call would meet no mock, and nock would fail the request.
    const contents = nock(GHE)
      .get(`${API}/repos/${REPO.owner}/${REPO.repo}/contents/${encodeURIComponent(".github/kaizen.yml")}`)
      .once()
      .reply(200, CONFIG, { "content-type": "text/plain; charset=utf-8" });
    const get = () => fetch(`${kaizenApp.base}/api/radar/${REPO.owner}/${REPO.repo}`, { headers: { authorization: `Bearer ${TOKEN}` } });
    const first = await get();
    const second = await get();
    expect([token.isDone(), access.isDone(), contents.isDone()]).toEqual([true, true, true]);
    expect([first.status, second.status]).toEqual([200, 200]);
    const body = await first.json();
    expect(JSON.stringify(body)).toContain("TypeScript");
    expect(await second.json()).toEqual(body);
  });
});
