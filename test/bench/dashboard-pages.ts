/**
 * `npx tsx test/bench/dashboard-pages.ts`: server time of the DORA and radar dashboard pages and the DORA overview
 * tile on a real PostgreSQL, with a year of hourly production deploys (8 760, each with 2 commits, every 50th
 * failed, 600 merged pull requests, 40 incidents) and a radar of 200 items with 1 000 movements and 100
 * experiments. Prints p50 / p95 / max of 40 renders each (10 for "recomputed"), after 3 warm-up renders. The DORA
 * report is kept while the facts stay the same (load-dora-report-cached.ts); "recomputed" measures the render that
 * follows a change.
 */
import { setupPostgres, teardownPostgres } from "../setup/postgres.js";
import { createTestDatabase } from "../helpers/test-database.js";
import { doraDashboardPage, doraOverviewTile } from "../../src/dora/dashboard.js";
import { radarDashboardPage } from "../../src/radar/dashboard.js";
import type { DashboardContext, DashboardPage, OverviewTile } from "../../src/web/dashboard-page.js";

const RUNS = 40;
const REPO = { id: 77, owner: "octo-org", name: "shop" };
const NOW = new Date("2026-12-01T00:00:00Z");

await setupPostgres();
const db = await createTestDatabase();
try {
  const q = (text: string, values: unknown[] = []) => db.pool.query(text, values);
  const seed = Date.now();
  // Production: one deploy an hour for a year; every 50th fails after going live.
  await q(
    `insert into dora_deployments (repo_id, owner, repo, installation_id, github_deployment_id, environment, sha, ref, created_at, succeeded_at, failed_at)
     select $1, $2, $3, 1, i, 'production', md5(i::text) || 'abcdefgh', 'main', t, t + interval '2 minutes',
            case when i % 50 = 0 then t + interval '30 minutes' end
       from generate_series(1, 8760) i, lateral (select $4::timestamptz - (8760 - i) * interval '1 hour' as t) x`,
    [REPO.id, REPO.owner, REPO.name, NOW],
  );
  await q(
    `insert into dora_deployment_commits (repo_id, github_deployment_id, sha, committed_at)
     select $1, i, md5(i::text || '-' || c), $2::timestamptz - (8760 - i) * interval '1 hour' - c * interval '3 hours'
       from generate_series(1, 8760) i, generate_series(1, 2) c`,
    [REPO.id, NOW],
  );
  await q(`insert into dora_deployment_compares (repo_id, github_deployment_id, base_sha) select $1, i, null from generate_series(1, 8760) i`, [REPO.id]);
  await q(
    `insert into dora_pulls (repo_id, pr_number, merge_commit_sha, merged_at, first_commit_at, shas)
     select $1, p, null, $2::timestamptz - (8760 - p * 14) * interval '1 hour', $2::timestamptz - (8760 - p * 14) * interval '1 hour' - interval '20 hours',
            array[md5((p * 14)::text || '-1'), md5((p * 14)::text || '-2')]
       from generate_series(1, 600) p`,
    [REPO.id, NOW],
  );
  await q(
    `insert into dora_issues (repo_id, issue_number, title, url, labels, created_at, closed_at, linked_shas, linked_deployment_ids)
     select $1, n, 'Incident ' || n, 'https://github.com/x/' || n, array['incident'], $2::timestamptz - (8760 - n * 200) * interval '1 hour',
            $2::timestamptz - (8760 - n * 200) * interval '1 hour' + interval '3 hours', array[]::text[], array[]::bigint[]
       from generate_series(1, 40) n`,
    [REPO.id, NOW],
  );
  // The radar: 200 items over 4 rings and 4 quadrants, 5 movements each, 100 experiments mentioning them.
  await q(`insert into radar_layouts (repo_id, rings, quadrants) values ($1, $2, $3)`, [REPO.id, ["adopt", "trial", "assess", "hold"], ["techniques", "tools", "platforms", "languages"]]);
  await q(
    `insert into radar_items (repo_id, owner, repo, installation_id, issue_number, kind, title, url, ring, quadrant, status, created_at)
     select $1, $2, $3, 1, n, 'radar', 'Item ' || n, 'https://github.com/octo-org/shop/issues/' || n,
            (array['adopt','trial','assess','hold'])[1 + n % 4], (array['techniques','tools','platforms','languages'])[1 + (n / 4) % 4], 'active', $4::timestamptz - interval '400 days'
       from generate_series(1, 200) n`,
    [REPO.id, REPO.owner, REPO.name, NOW],
  );
  await q(
    `insert into radar_movements (item_id, field, from_value, to_value, actor, reason, source, moved_at, idempotency_key)
     select i.id, 'ring', 'assess', 'trial', 'octocat', 'reason ' || m, 'label', $1::timestamptz - m * interval '30 days', i.id || ':' || m
       from radar_items i, generate_series(1, 5) m`,
    [NOW],
  );
  await q(
    `insert into experiments (repo_id, owner, repo, installation_id, issue_number, title, state)
     select $1, $2, $3, 1, 1000 + n, 'Experiment ' || n, 'waiting' from generate_series(1, 100) n`,
    [REPO.id, REPO.owner, REPO.name],
  );
  await q(`insert into experiment_mentions (repo_id, experiment_issue, mentioned_issue) select $1, 1000 + n, n from generate_series(1, 100) n`, [REPO.id]);
  await q("analyze");
  console.log(`seeded in ${((Date.now() - seed) / 1000).toFixed(1)} s`);

  const context = (query = "", now = NOW): DashboardContext => ({ db: db.pool, repo: REPO, params: {}, query: new URLSearchParams(query), publicUrl: "", now });
  /** `cold`: each render a minute after the last, so the DORA report is computed anew (as after a fact changed). */
  async function measure(name: string, target: DashboardPage | OverviewTile, query = "", cold = false): Promise<void> {
    for (let i = 0; i < 3; i++) await target.render(context(query));
    const times: number[] = [];
    for (let i = 0; i < (cold ? RUNS / 4 : RUNS); i++) {
      const start = performance.now();
      const rendered = await target.render(context(query, cold ? new Date(NOW.getTime() + (i + 1) * 61_000) : NOW));
      times.push(performance.now() - start);
      if (!rendered) throw new Error(`${name} rendered nothing`);
    }
    times.sort((a, b) => a - b);
    const at = (p: number) => times[Math.min(times.length - 1, Math.floor(p * times.length))]!.toFixed(1);
    console.log(`${name.padEnd(36)} p50 ${at(0.5)} ms  p95 ${at(0.95)} ms  max ${at(1)} ms`);
  }
  await measure("DORA overview tile (12 weeks)", doraOverviewTile);
  await measure("DORA overview tile, recomputed", doraOverviewTile, "", true);
  await measure("/dora (12 weeks)", doraDashboardPage);
  await measure("/dora?weeks=52", doraDashboardPage, "weeks=52");
  await measure("/radar (200 items)", radarDashboardPage);
} finally {
  await db.drop();
  await teardownPostgres();
}
