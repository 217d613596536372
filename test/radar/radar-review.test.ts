import nock from "nock";
import { upsertRadarItem } from "../../src/radar/store/radar-items.js";
import { type NewRadarItem } from "../../src/radar/model/radar-item.js";
import { recordRadarMovement } from "../../src/radar/store/radar-movements.js";
import { recordRadarReview } from "../../src/radar/store/radar-reviews.js";
import { openDueRadarReviews } from "../../src/radar/open-due-radar-reviews.js";
import { openRadarReview } from "../../src/radar/open-radar-review.js";
import { nockConfig } from "../helpers/nock-app.js";
import { newRadarItem } from "../helpers/new-radar-item.js";
import { GITHUB_API, TEST_REPO, nockCreateIssue, nockListOpenIssues } from "../helpers/nock-github.js";
import { useKaizen } from "../helpers/use-kaizen.js";

type Body = Record<string, any>;
const INSTALLATION_ID = 2;
const REPO_ID = 700;
const { owner, repo } = TEST_REPO;
const CONFIG = "radar:\n  review:\n    labels: [radar-review]\n";
const issueUrl = (n: number) => `https://github.com/${owner}/${repo}/issues/${n}`;
const Q4 = "2026-10-05T09:00:00.000Z";

/** The open radar issues with their 👍, as the issues list gives them. */
function nockThumbsUp(counts: Record<number, number>): nock.Scope {
  const issues = Object.entries(counts).map(([number, plusOne]) => ({ number: Number(number), reactions: { "+1": plusOne } }));
  return nock(GITHUB_API).get(`/repos/${owner}/${repo}/issues`).query({ labels: "radar", state: "open", per_page: "100" }).reply(200, issues);
}

describe("radar review", () => {
  let now = new Date("2026-10-05T10:00:00Z");
  const kaizen = useKaizen({ now: () => now, accessToken: INSTALLATION_ID });
  beforeAll(() => seedRadar());

  async function seedRadar(): Promise<void> {
    const pool = kaizen.pool;
    const item = (issueNumber: number, title: string, ring: string, quadrant: string): NewRadarItem =>
      newRadarItem({ repoId: REPO_ID, owner, repo, installationId: INSTALLATION_ID, issueNumber, url: issueUrl(issueNumber) }, { title, ring, quadrant });
    const ts = await upsertRadarItem(pool, item(1, "TypeScript", "adopt", "languages-and-frameworks"));
    await upsertRadarItem(pool, item(2, "Bun", "assess", "platforms"));
    await upsertRadarItem(pool, item(3, "Deno", "assess", "platforms"));
    await pool.query("update radar_items set created_at = '2026-01-05T10:00:00Z'");
    const previous = await recordRadarReview(pool, { repoId: REPO_ID, issueNumber: 40, url: issueUrl(40), period: "2026-07-06T09:00:00.000Z", previousReviewId: null });
    await pool.query("update radar_reviews set created_at = '2026-07-06T09:00:00Z' where id = $1", [previous.id]);
    await recordRadarMovement(pool, {
      itemId: ts.id, field: "ring", from: "trial", to: "adopt", actor: "octocat", reason: "every service uses it",
      source: "command", link: null, movedAt: new Date("2026-08-02T12:00:00Z"), idempotencyKey: "comment:1",
    });
    // Experiments mentioning items: #60 decided, #61 still waiting (shown as pending), #62 invalid (left out).
    await pool.query(
      `insert into experiments (repo_id, owner, repo, installation_id, issue_number, title, state, decided_at)
       values ($1, $2, $3, $4, 60, 'Faster builds with tsc -b', 'confirmed', now()),
              ($1, $2, $3, $4, 61, 'Bun cold starts', 'waiting', null),
              ($1, $2, $3, $4, 62, 'No hypothesis block', 'invalid', null)`,
      [REPO_ID, owner, repo, INSTALLATION_ID],
    );
    await pool.query(
      `insert into experiment_mentions (repo_id, experiment_issue, mentioned_issue) values ($1, 60, 1), ($1, 61, 2), ($1, 62, 1)`,
      [REPO_ID],
    );
  }

  async function reviewsOf(period: string): Promise<Array<{ issue_number: number; previous: number | null }>> {
    const { rows } = await kaizen.pool.query(
      `select r.issue_number, p.issue_number as previous from radar_reviews r left join radar_reviews p on p.id = r.previous_review_id
       where r.repo_id = $1 and r.period = $2`,
      [REPO_ID, period],
    );
    return rows;
  }

  describe("when the schedule's occurrence has passed", () => {
    it("opens one review issue for the period, linking the previous review, with proposals ranked by 👍", async () => {
      const sent: Body[] = [];
      nockConfig(CONFIG, TEST_REPO).persist();
      nockListOpenIssues({ ...TEST_REPO, pages: [[]] });
      nockThumbsUp({ 1: 0, 2: 3, 3: 9 });
      nockCreateIssue({ ...TEST_REPO, number: 41, sent });

      await openDueRadarReviews(kaizen.probot, kaizen.deps);
      const deadline = Date.now() + 15_000;
      while ((await reviewsOf(Q4)).length === 0) {
        if (Date.now() > deadline) throw new Error("the review job did not record a review");
        await new Promise((resolve) => setTimeout(resolve, 100));
      }

      expect(await reviewsOf(Q4)).toEqual([{ issue_number: 41, previous: 40 }]);
      expect(sent).toHaveLength(1);
      expect(sent[0]!.title).toBe("Tech radar review, 2026-10-05");
      expect(sent[0]!.labels).toEqual(["kaizen", "radar-review"]);
      const body: string = sent[0]!.body;
      expect(body).toContain("<!-- kaizen:radar-review:2026-10-05T09%3A00%3A00.000Z -->");
      expect(body).toContain(`Previous review: [#40](${issueUrl(40)})`);
      expect(body).toContain(
        "| [TypeScript](https://github.com/octo-org/shop/issues/1) | Ring: Trial → Adopt | @octocat | 2026-08-02T12:00:00Z | every service uses it | " +
          "[Faster builds with tsc -b](https://github.com/octo-org/shop/issues/60) (#60, confirmed) |",
      );
      expect(body).toContain("| 3 | [Bun](https://github.com/octo-org/shop/issues/2) | Platforms | [Bun cold starts](https://github.com/octo-org/shop/issues/61) (#61, pending) |");
      expect(body).toContain("| 9 | [Deno](https://github.com/octo-org/shop/issues/3) | Platforms | — |");
      expect(body).not.toContain("No hypothesis block");
      expect(body.indexOf("| 9 | [Deno]")).toBeGreaterThan(0);
      expect(body.indexOf("| 9 | [Deno]")).toBeLessThan(body.indexOf("| 3 | [Bun]"));
      const stored = await kaizen.pool.query("select issue_number, thumbs_up from radar_items where repo_id = $1 order by 1", [REPO_ID]);
      expect(stored.rows.map((r) => r.thumbs_up)).toEqual([0, 3, 9]);
    });

    it("does not open a second issue when the tick runs again in the same period", async () => {
      nockConfig(CONFIG, TEST_REPO);
      await openDueRadarReviews(kaizen.probot, kaizen.deps);
      const { rows } = await kaizen.pool.query("select count(*)::int as n from pgboss.job where name = 'open-radar-review'");
      expect(rows[0].n).toBe(1);
      expect(await reviewsOf(Q4)).toHaveLength(1);
    });

    it("records the issue an earlier attempt opened (found by its marker) instead of opening another", async () => {
      const period = "2027-01-04T09:00:00.000Z";
      nockConfig(CONFIG, TEST_REPO);
      nockListOpenIssues({ ...TEST_REPO, pages: [[{ number: 50, body: `<!-- kaizen:radar-review:${encodeURIComponent(period)} -->\nbody` }]] });
      nockThumbsUp({});
      const review = await openRadarReview(kaizen.probot, kaizen.deps, { repoId: REPO_ID, period });
      expect(review).toMatchObject({ issueNumber: 50, period });
      expect(await reviewsOf(period)).toEqual([{ issue_number: 50, previous: 41 }]);
    });
  });

  describe("when the radar started after the latest occurrence", () => {
    it("waits for the next occurrence", async () => {
      now = new Date("2026-01-05T12:00:00Z"); // the radar's items were created at 10:00 that day, after 09:00
      nockConfig(CONFIG, TEST_REPO);
      await openDueRadarReviews(kaizen.probot, kaizen.deps);
      const { rows } = await kaizen.pool.query("select count(*)::int as n from pgboss.job where name = 'open-radar-review' and data->>'period' like '2026-01-%'");
      expect(rows[0].n).toBe(0);
    });
  });
});
