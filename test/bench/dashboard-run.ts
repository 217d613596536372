/**
 * Only the dashboard section of `npm run bench` (test/bench/dashboard.ts), against the built app (`npm run build`
 * first): `npx tsx test/bench/dashboard-run.ts`.
 */
import { setupPostgres, teardownPostgres } from "../setup/postgres.js";
import { createTestDatabase } from "../helpers/test-database.js";
import { startFakeGitHub } from "./fake-github.js";
import { startBuiltApp } from "../helpers/start-built-app.js";
import { BENCH_DASHBOARD_ENV, benchDashboard } from "./dashboard.js";
await setupPostgres();
const db = await createTestDatabase();
const github = await startFakeGitHub();
const app = await startBuiltApp({ DATABASE_URL: db.url, APP_ID: "1", PRIVATE_KEY_PATH: "test/fixtures/github/mock-cert.pem", WEBHOOK_SECRET: "x",
  GHE_HOST: new URL(github.url).host, GHE_PROTOCOL: "http", KAIZEN_WORKERS: "false", ...BENCH_DASHBOARD_ENV });
try { console.log((await benchDashboard(db.pool, app.url)).join("\n")); } finally {
await app.stop(); await github.close(); await db.drop(); await teardownPostgres(); }
