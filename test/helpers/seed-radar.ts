import type { Queryable } from "../../src/db/queryable.js";
import type { NewRadarItem } from "../../src/radar/model/radar-item.js";
import { upsertRadarItem } from "../../src/radar/store/radar-items.js";
import { saveRadarLayout } from "../../src/radar/store/radar-layouts.js";
import { recordRadarMovement } from "../../src/radar/store/radar-movements.js";
import { recordRadarReview } from "../../src/radar/store/radar-reviews.js";
import { replaceRadarTrendLinks } from "../../src/radar/store/radar-trend-links.js";

export const RADAR_RINGS = ["adopt", "trial", "assess", "hold"];
export const RADAR_QUADRANTS = ["techniques", "tools", "platforms", "languages"];

/** The issues of the seeded radar that carry a blip: four named items and twelve techniques crowding Assess. */
export const RADAR_BLIP_ISSUES = [1, 2, 3, 4, ...Array.from({ length: 12 }, (_, i) => 10 + i)];

/**
 * A radar with an item in every ring and several quadrants (TypeScript adopt/languages moved in, Jenkins hold/tools
 * moved out, "Bun <script>…" assess/platforms new since the last review (2026-07-06), Kubernetes trial/platforms
 * unmoved), twelve techniques in one cell, a retired and a pending item without blips, a trend linked to issue 3,
 * and experiments 60 (confirmed) and 61 (invalid) mentioning TypeScript.
 */
export async function seedRadar(pool: Queryable, repo: { id: number; owner: string; name: string }): Promise<void> {
  const issueUrl = (n: number) => `https://github.com/${repo.owner}/${repo.name}/issues/${n}`;
  const item = (issueNumber: number, title: string, ring: string | null, quadrant: string | null, extra: Partial<NewRadarItem> = {}): NewRadarItem => ({
    repoId: repo.id, owner: repo.owner, repo: repo.name, installationId: 3, issueNumber, kind: "radar", title, body: "",
    url: issueUrl(issueNumber), ring, quadrant, trend: null, impact: null, status: "active", thumbsUp: 0, problem: null,
    announcedProblem: null, ...extra,
  });
  await saveRadarLayout(pool, repo.id, { rings: RADAR_RINGS, quadrants: RADAR_QUADRANTS });
  const ts = await upsertRadarItem(pool, item(1, "TypeScript", "adopt", "languages"));
  const jenkins = await upsertRadarItem(pool, item(2, "Jenkins", "hold", "tools"));
  await upsertRadarItem(pool, item(3, "Bun <script>alert(1)</script>", "assess", "platforms"));
  await upsertRadarItem(pool, item(4, "Kubernetes", "trial", "platforms"));
  for (let n = 10; n < 22; n++) await upsertRadarItem(pool, item(n, `Technique ${n}`, "assess", "techniques"));
  await upsertRadarItem(pool, item(5, "Grunt", "hold", "tools", { status: "retired" }));
  await upsertRadarItem(pool, item(6, "Half placed", null, "tools", { status: "pending" }));
  const trend = await upsertRadarItem(pool, item(9, "Edge runtimes", null, null, { kind: "trend", trend: "rising", impact: "high" }));
  await replaceRadarTrendLinks(pool, trend.id, repo.id, [3]);
  await pool.query("update radar_items set created_at = '2026-01-10T10:00:00Z' where repo_id = $1 and issue_number <> 3", [repo.id]);
  await pool.query("update radar_items set created_at = '2026-08-20T10:00:00Z' where repo_id = $1 and issue_number = 3", [repo.id]);
  const review = await recordRadarReview(pool, { repoId: repo.id, issueNumber: 40, url: issueUrl(40), period: "2026-07-06T09:00:00Z", previousReviewId: null });
  await pool.query("update radar_reviews set created_at = '2026-07-06T09:00:00Z' where id = $1", [review.id]);
  const move = { source: "label" as const, link: null };
  await recordRadarMovement(pool, { ...move, itemId: ts.id, field: "ring", from: null, to: "trial", actor: "octocat", reason: null, movedAt: new Date("2026-01-10T10:00:00Z"), idempotencyKey: "a" });
  await recordRadarMovement(pool, { ...move, itemId: ts.id, field: "ring", from: "trial", to: "adopt", actor: "hubot", reason: "every service <b>uses</b> it", movedAt: new Date("2026-08-02T12:00:00Z"), idempotencyKey: "b" });
  await recordRadarMovement(pool, { ...move, itemId: jenkins.id, field: "ring", from: "trial", to: "hold", actor: "octocat", reason: "GitHub Actions replaced it", movedAt: new Date("2026-09-01T08:00:00Z"), idempotencyKey: "c" });
  await pool.query(
    `insert into experiments (repo_id, owner, repo, installation_id, issue_number, title, state, decided_at)
     values ($1, $2, $3, 3, 60, 'Strict mode halves bugs', 'confirmed', now()), ($1, $2, $3, 3, 61, 'Broken block', 'invalid', null)`,
    [repo.id, repo.owner, repo.name],
  );
  await pool.query("insert into experiment_mentions (repo_id, experiment_issue, mentioned_issue) values ($1, 60, 1), ($1, 61, 1)", [repo.id]);
}
