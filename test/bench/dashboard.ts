import type pg from "pg";
import type { AppEnv } from "../../src/config/read-env.js";
import { dashboardSettings } from "../../src/web/dashboard-settings.js";
import { sealCookie } from "../../src/web/seal-cookie.js";
import { saveDoraSettings } from "../../src/dora/store/dora-settings.js";
import { seedMetricHistory, seedBenchmarkHistory, seedExperiments } from "../helpers/seed-dashboard.js";
import { fixtureWeeksBefore, seedFixture as seedDoraFixture } from "../helpers/seed-dora-fixture.js";
import { seedRadar } from "../helpers/seed-radar.js";

/** The replica's dashboard settings for the benchmark (login itself is not measured: a session is sealed here). */
export const BENCH_DASHBOARD_ENV = {
  GITHUB_CLIENT_ID: "Iv1.bench",
  GITHUB_CLIENT_SECRET: "bench-client-secret",
  KAIZEN_SESSION_SECRET: "bench-session-secret-bench-session-secret",
};

export const BENCH_REPO = { id: 777_000, owner: "bench-org", name: "bench", installationId: 1 };
const METRICS = 20;
const DEPLOYS = 8760;
const ROUNDS = Number(process.env["BENCH_DASHBOARD_REQUESTS"] ?? 100);

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!;

/**
 * The dashboard section of `npm run bench`: one year of hourly deploys for 20 metrics (175 200 metric results)
 * with a regression and an open drift, plus benchmarks, experiments, the DORA fixture's history (moved to the last
 * weeks) and a radar with moves, so every tile of the overview has data (the same data as the browser test); then
 * the overview and a metric page asked `ROUNDS` times each, one at a time, after a warm-up. Server time is the app's
 * own Server-Timing (request in → page ready to send); the whole answer adds sending and reading the body. The fake GitHub answers the access check at once (and it is cached), so the time is Kaizen's.
 */
export async function benchDashboard(pool: pg.Pool, appUrl: string): Promise<string[]> {
  const seedStarted = performance.now();
  const end = new Date(Date.now() - 3600_000);
  await seedMetricHistory(pool, {
    repo: BENCH_REPO,
    environment: "production",
    deploys: DEPLOYS,
    end,
    metrics: Array.from({ length: METRICS }, (_, i) => ({ name: `m${i}`, unit: "ms", better: "lower" as const, level: 100 + i, threshold: 0.1 })),
    steps: [{ metric: "m0", at: DEPLOYS - 500, factor: 1.3 }],
    drifts: [{ metric: "m1", start: DEPLOYS - 300, opened: DEPLOYS - 100, factor: 1.2 }],
  });
  await seedBenchmarkHistory(pool, { repo: BENCH_REPO, branch: "main", benchmarks: ["BenchmarkA", "BenchmarkB"], commits: 365, end });
  await seedExperiments(pool, { repo: BENCH_REPO });
  const doraRepo = { repoId: BENCH_REPO.id, owner: BENCH_REPO.owner, repo: BENCH_REPO.name, installationId: BENCH_REPO.installationId };
  await seedDoraFixture(pool, doraRepo, { shiftWeeks: fixtureWeeksBefore(new Date()) });
  await saveDoraSettings(pool, BENCH_REPO.id, { production: ["prod*"], incident_label: "incident" });
  await seedRadar(pool, BENCH_REPO);
  await pool.query("analyze");
  const { rows } = await pool.query("select count(*)::int as n from metric_results");
  const seeded = `dashboard data: ${rows[0].n} metric results seeded in ${((performance.now() - seedStarted) / 1000).toFixed(1)} s`;

  const settings = dashboardSettings({ githubClientId: "x", githubClientSecret: "y", sessionSecret: BENCH_DASHBOARD_ENV.KAIZEN_SESSION_SECRET } as AppEnv)!;
  const cookie = `kaizen_session=${sealCookie(settings.sessionKey, "kaizen_session", { login: "bench", token: "bench-token" }, Date.now() + 3600_000)}`;
  const pages = {
    overview: `/${BENCH_REPO.owner}/${BENCH_REPO.name}`,
    "metric page (default range: last 90 days, 2 160 deploys)": `/${BENCH_REPO.owner}/${BENCH_REPO.name}/metrics/production/m0`,
    "metric page (365 days, 8 760 deploys)": `/${BENCH_REPO.owner}/${BENCH_REPO.name}/metrics/production/m0?from=${new Date(Date.now() - 366 * 86_400_000).toISOString().slice(0, 10)}`,
  };
  const lines = [seeded];
  for (const [name, path] of Object.entries(pages)) {
    const times: number[] = [];
    const serverTimes: number[] = [];
    let bytes = 0;
    for (let i = 0; i < ROUNDS + 10; i++) {
      const started = performance.now();
      const response = await fetch(`${appUrl}${path}`, { headers: { cookie } });
      const body = await response.text();
      const ms = performance.now() - started;
      if (response.status !== 200) throw new Error(`${path} answered ${response.status}`);
      bytes = body.length;
      const server = Number(/app;dur=([\d.]+)/.exec(response.headers.get("server-timing") ?? "")?.[1]);
      if (!Number.isFinite(server)) throw new Error(`${path} sent no Server-Timing`);
      if (i >= 10) {
        times.push(ms);
        serverTimes.push(server);
      }
    }
    times.sort((a, b) => a - b);
    serverTimes.sort((a, b) => a - b);
    lines.push(
      `dashboard ${name}: server time (Server-Timing) p50 ${percentile(serverTimes, 0.5).toFixed(1)} ms, p95 ${percentile(serverTimes, 0.95).toFixed(1)} ms; ` +
        `whole answer received p50 ${percentile(times, 0.5).toFixed(1)} ms, p95 ${percentile(times, 0.95).toFixed(1)} ms (${ROUNDS} requests, ${(bytes / 1024).toFixed(0)} KiB)`,
    );
  }
  return lines;
}
