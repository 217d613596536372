import nock from "nock";
import { importRadar } from "../../src/radar/import-radar.js";
import { jobId } from "../../src/queue/create-queue.js";
import { nockAccessToken, nockConfig } from "../helpers/nock-app.js";
import { GITHUB_API, testOctokit } from "../helpers/nock-github.js";
import { useKaizen } from "../helpers/use-kaizen.js";
import { waitForJob } from "../helpers/wait-for-job.js";
import { INSTALLATION_ID, installationCreatedPayload, installationRepositoriesAddedPayload } from "../helpers/webhook-payloads.js";

const CONFIG = "radar: {}\n";
const day = (d: number) => new Date(Date.UTC(2026, 9, d, 12));

interface IssueSpec {
  number: number;
  labels: string[];
  state?: "open" | "closed";
  body?: string;
  thumbsUp?: number;
  pull?: boolean;
  /** Days into October 2026 it was created and last updated. */
  created?: number;
  updated?: number;
}

/** An issue as GET /repos/{owner}/{repo}/issues lists it (the fields Kaizen reads, and a few around them). */
function restIssue(owner: string, repo: string, spec: IssueSpec) {
  const url = `https://github.com/${owner}/${repo}/${spec.pull ? "pull" : "issues"}/${spec.number}`;
  return {
    id: 9_000_000 + spec.number,
    number: spec.number,
    title: `Item ${spec.number}`,
    body: spec.body ?? `Why item ${spec.number} matters.`,
    html_url: url,
    state: spec.state ?? "open",
    user: { login: "alice", type: "User" },
    labels: spec.labels.map((name, i) => ({ id: 100 + i, name, color: "ededed", default: false })),
    reactions: { "+1": spec.thumbsUp ?? 0, "-1": 0 },
    created_at: day(spec.created ?? 1).toISOString(),
    updated_at: day(spec.updated ?? spec.created ?? 1).toISOString(),
    ...(spec.pull ? { pull_request: { url: `${GITHUB_API}/repos/${owner}/${repo}/pulls/${spec.number}` } } : {}),
  };
}

/** The issues with one label, page by page with GitHub's Link header. */
function nockIssuesWithLabel(owner: string, repo: string, label: string, pages: IssueSpec[][]): nock.Scope {
  const path = `/repos/${owner}/${repo}/issues`;
  const query = { state: "all", labels: label, per_page: "100" };
  const scope = nock(GITHUB_API);
  pages.forEach((page, index) => {
    const next = new URLSearchParams({ ...query, page: String(index + 2) });
    const link: Record<string, string> = index < pages.length - 1 ? { link: `<${GITHUB_API}${path}?${next}>; rel="next"` } : {};
    scope
      .get(path)
      .query(index === 0 ? query : { ...query, page: String(index + 1) })
      .reply(200, page.map((spec) => restIssue(owner, repo, spec)), link);
  });
  return scope;
}

describe("radar import", () => {
  // After each test: every scope it set up was used, and no comment or label call was made (none is mocked).
  const kaizen = useKaizen({ allowPending: ["access_tokens"] });
  let repoId = 500;

  async function items(id: number) {
    const { rows } = await kaizen.pool.query(
      `select issue_number as "number", kind, ring, quadrant, trend, impact, status, thumbs_up as "thumbsUp",
              problem is not null as "hasProblem", announced_problem as "announced"
       from radar_items where repo_id = $1 order by issue_number`,
      [id],
    );
    return rows;
  }

  async function movements(id: number) {
    const { rows } = await kaizen.pool.query(
      `select i.issue_number as "number", m.field, m.from_value as "from", m.to_value as "to", m.actor, m.source, m.moved_at as "movedAt"
       from radar_movements m join radar_items i on i.id = m.item_id where i.repo_id = $1 order by i.issue_number, m.id`,
      [id],
    );
    return rows;
  }

  async function links(id: number) {
    const { rows } = await kaizen.pool.query(
      `select t.issue_number as "trend", l.radar_issue_number as "mentions"
       from radar_trend_links l join radar_items t on t.id = l.trend_item_id where l.repo_id = $1 order by 1, 2`,
      [id],
    );
    return rows;
  }

  describe("of a repository with a radar", () => {
    const owner = "octo-org";
    const repo = "platform";
    const radarPages: IssueSpec[][] = [
      [
        { number: 1, labels: ["radar", "ring:adopt", "quadrant:tools"], thumbsUp: 2 },
        { number: 2, labels: ["radar", "Ring:Trial", "quadrant:platforms"], state: "closed", created: 2, updated: 9 },
        { number: 3, labels: ["radar", "ring:assess", "ring:hold", "quadrant:tools"], created: 3 },
      ],
      [
        { number: 4, labels: ["radar", "ring:assess", "quadrant:techniques", "market-trend"], thumbsUp: 5, created: 4 },
        { number: 5, labels: ["radar", "ring:adopt", "quadrant:tools"], pull: true },
      ],
    ];
    const trendPages: IssueSpec[][] = [
      [
        { number: 4, labels: ["radar", "ring:assess", "quadrant:techniques", "market-trend"], thumbsUp: 5, created: 4 },
        { number: 6, labels: ["market-trend", "trend:rising", "impact:high"], body: "Pushes #1 and #4; unlike #99 or `#3`.", created: 6 },
        { number: 7, labels: ["market-trend", "trend:rising"], created: 7 },
      ],
    ];

    function nockImport(radar = radarPages, trends = trendPages): void {
      nockConfig(CONFIG, { owner, repo });
      nockIssuesWithLabel(owner, repo, "radar", radar);
      nockIssuesWithLabel(owner, repo, "market-trend", trends);
    }

    it("imports every open and closed issue across pages as items, with source import movements and no announcements", async () => {
      const id = ++repoId;
      nockImport();
      const summary = await importRadar(testOctokit(), kaizen.deps, { installationId: INSTALLATION_ID, repoId: id, owner, repo });

      expect(summary).toEqual({ radar: true, issues: 6, changed: 6 });
      const none = { trend: null, impact: null, hasProblem: false, announced: null, thumbsUp: 0 };
      expect(await items(id)).toEqual([
        { ...none, number: 1, kind: "radar", ring: "adopt", quadrant: "tools", status: "active", thumbsUp: 2 },
        { ...none, number: 2, kind: "radar", ring: "trial", quadrant: "platforms", status: "retired" },
        { ...none, number: 3, kind: "radar", ring: null, quadrant: null, status: "pending", hasProblem: true },
        { ...none, number: 4, kind: "radar", ring: "assess", quadrant: "techniques", status: "active", thumbsUp: 5 },
        { ...none, number: 6, kind: "trend", ring: null, quadrant: null, trend: "rising", impact: "high", status: "active" },
        { ...none, number: 7, kind: "trend", ring: null, quadrant: null, status: "pending", hasProblem: true },
      ]);
      const placed = (number: number, ring: string, quadrant: string, status: string, movedAt: Date) => [
        { number, field: "ring", from: null, to: ring, actor: null, source: "import", movedAt },
        { number, field: "quadrant", from: null, to: quadrant, actor: null, source: "import", movedAt },
        { number, field: "status", from: "pending", to: status, actor: null, source: "import", movedAt },
      ];
      expect(await movements(id)).toEqual([
        ...placed(1, "adopt", "tools", "active", day(1)),
        ...placed(2, "trial", "platforms", "retired", day(2)),
        ...placed(4, "assess", "techniques", "active", day(4)),
        { number: 6, field: "status", from: "pending", to: "active", actor: null, source: "import", movedAt: day(6) },
      ]);
      // Stored as mentioned (the code span is no mention); readers keep those that are radar items.
      expect(await links(id)).toEqual([
        { trend: 6, mentions: 1 },
        { trend: 6, mentions: 4 },
        { trend: 6, mentions: 99 },
      ]);
    });

    it("changes nothing when run again over the same issues, and only what changed after that", async () => {
      const id = ++repoId;
      nockImport();
      await importRadar(testOctokit(), kaizen.deps, { installationId: INSTALLATION_ID, repoId: id, owner, repo });
      const before = { items: await items(id), movements: await movements(id), links: await links(id) };
      const { rows: stamps } = await kaizen.pool.query("select issue_number, updated_at from radar_items where repo_id = $1 order by 1", [id]);

      nockImport();
      const again = await importRadar(testOctokit(), kaizen.deps, { installationId: INSTALLATION_ID, repoId: id, owner, repo });
      expect(again).toEqual({ radar: true, issues: 6, changed: 0 });
      expect({ items: await items(id), movements: await movements(id), links: await links(id) }).toEqual(before);
      expect((await kaizen.pool.query("select issue_number, updated_at from radar_items where repo_id = $1 order by 1", [id])).rows).toEqual(stamps);

      // #1 moved to Hold while the app was away, and #7 lost its trend label: one movement each.
      const radar = radarPages.map((page) => page.map((spec) => (spec.number === 1 ? { ...spec, labels: ["radar", "ring:hold", "quadrant:tools"], updated: 20 } : spec)));
      const trends = trendPages.map((page) => page.filter((spec) => spec.number !== 7));
      nockImport(radar, trends);
      const third = await importRadar(testOctokit(), kaizen.deps, { installationId: INSTALLATION_ID, repoId: id, owner, repo });
      expect(third).toEqual({ radar: true, issues: 5, changed: 2 });
      const seen = new Set(before.movements.map((m) => JSON.stringify(m)));
      const added = (await movements(id)).filter((m) => !seen.has(JSON.stringify(m)));
      expect(added).toEqual([
        { number: 1, field: "ring", from: "adopt", to: "hold", actor: null, source: "import", movedAt: day(20) },
        { number: 7, field: "status", from: "pending", to: "gone", actor: null, source: "import", movedAt: expect.any(Date) },
      ]);
    });
  });

  describe("of a repository whose kaizen.yml has no radar: section", () => {
    it("reads the config and lists nothing", async () => {
      nockConfig("deployments:\n  environments: [production]\n", { owner: "octo-org", repo: "service" });
      const summary = await importRadar(testOctokit(), kaizen.deps, { installationId: INSTALLATION_ID, repoId: 999, owner: "octo-org", repo: "service" });
      expect(summary).toEqual({ radar: false, issues: 0, changed: 0 });
    });
  });

  describe("installation events", () => {
    it("installation.created imports each repository of the installation", async () => {
      const payload = installationCreatedPayload();
      const [repository] = payload["repositories"] as Array<{ id: number; full_name: string }>;
      const [owner, repo] = repository!.full_name.split("/") as [string, string];
      nockAccessToken(INSTALLATION_ID);
      nockConfig(CONFIG, { owner, repo });
      nockIssuesWithLabel(owner, repo, "radar", [[{ number: 8, labels: ["radar", "ring:trial", "quadrant:languages-and-frameworks"] }]]);
      nockIssuesWithLabel(owner, repo, "market-trend", [[]]);

      await kaizen.probot.receive({ id: "install-1", name: "installation", payload: payload as never });
      await waitForJob(kaizen.pool, "import-radar", `install-1:${repository!.id}`);
      expect(await items(repository!.id)).toEqual([
        expect.objectContaining({ number: 8, kind: "radar", ring: "trial", quadrant: "languages-and-frameworks", status: "active" }),
      ]);
    });

    it("installation.created without its list of repositories (too long to send) asks GitHub for it", async () => {
      const payload = installationCreatedPayload();
      const [repository] = payload["repositories"] as Array<{ id: number; full_name: string; name: string }>;
      delete payload["repositories"];
      const [owner, repo] = repository!.full_name.split("/") as [string, string];
      nockAccessToken(INSTALLATION_ID).persist();
      nock(GITHUB_API)
        .get("/installation/repositories")
        .query({ per_page: "100" })
        .reply(200, { total_count: 1, repositories: [{ ...repository, owner: { login: owner } }] });
      nockConfig(null, { owner, repo });

      await kaizen.probot.receive({ id: "install-2", name: "installation", payload: payload as never });
      await waitForJob(kaizen.pool, "import-radar", `install-2:${repository!.id}`);
      const { rows } = await kaizen.pool.query("select data from pgboss.job where name = 'import-radar' and id = $1", [jobId("import-radar", `install-2:${repository!.id}`)]);
      expect(rows.map((row) => row.data)).toEqual([{ installationId: INSTALLATION_ID, repoId: repository!.id, owner, repo }]);
    });

    it("installation_repositories.added imports the added repositories; one without a radar gets nothing", async () => {
      const payload = installationRepositoriesAddedPayload();
      const [repository] = payload["repositories_added"] as Array<{ id: number; full_name: string }>;
      const [owner, repo] = repository!.full_name.split("/") as [string, string];
      nockAccessToken(INSTALLATION_ID);
      nockConfig(null, { owner, repo });

      await kaizen.probot.receive({ id: "added-1", name: "installation_repositories", payload: payload as never });
      await waitForJob(kaizen.pool, "import-radar", `added-1:${repository!.id}`);
      expect(await items(repository!.id)).toEqual([]);
    });
  });
});
