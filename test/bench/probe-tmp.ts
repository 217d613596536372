// TEMPORARY profiling probe (not committed)
import { createHmac } from "node:crypto";
import { execFileSync, spawn } from "node:child_process";
import { mkdtempSync, writeFileSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setupPostgres, teardownPostgres } from "../setup/postgres.js";
import { setupPrometheus, teardownPrometheus } from "../setup/prometheus.js";
import { createTestDatabase } from "../helpers/test-database.js";
import { deploymentStatusPayload } from "../helpers/webhook-payloads.js";
import { startFakeGitHub } from "./fake-github.js";
import { freePort } from "../helpers/free-port.js";

const SECRET = "bench-secret";
await Promise.all([setupPostgres(), setupPrometheus()]);
const db = await createTestDatabase();
if (process.env["LOGSQL"]) { await db.pool.query(`alter database ${new URL(db.url).pathname.slice(1)} set log_statement = 'all'`); }
const github = await startFakeGitHub();
github.config = "deployments:\n  environments: [production]\n";
const dir = mkdtempSync(join(tmpdir(), "kaizen-probe-"));
const sourcesPath = join(dir, "sources.yml");
writeFileSync(sourcesPath, `sources:\n  prometheus:\n    type: prometheus\n    url: ${process.env["KAIZEN_TEST_PROMETHEUS_URL"]}\n`);
if (!process.env["NOBUILD"]) execFileSync("npm", ["run", "build", "--silent"], { stdio: "inherit" });
const port = await freePort();
const extra = process.env["PROBE_NODE_ARGS"]?.split(" ") ?? [];
const cmd = process.env["BARE"] ? ["--import", "tsx", "test/bench/bare-probot.ts"] : ["lib/server.js"];
const child = spawn(process.execPath, [...extra, ...cmd], {
  env: { ...process.env, DATABASE_URL: db.url, APP_ID: "1", PRIVATE_KEY_PATH: "test/fixtures/github/mock-cert.pem", WEBHOOK_SECRET: SECRET,
    GHE_HOST: new URL(github.url).host, GHE_PROTOCOL: "http", KAIZEN_SOURCES: sourcesPath, KAIZEN_WORKERS: process.env["WORKERS"] ?? "true",
    PORT: String(port), HOST: "127.0.0.1", LOG_LEVEL: "fatal" } as NodeJS.ProcessEnv, stdio: "inherit" });
process.once("exit", () => child.kill("SIGKILL"));
const url = `http://127.0.0.1:${port}`;
for (let i = 0; !(await fetch(`${url}${process.env["BARE"] ? "/ping" : "/healthz"}`).then((r) => r.ok, () => false)); i++) await new Promise((r) => setTimeout(r, 100));
let statusId = 1;
const envs = (process.env["ENVS"] ?? "production,bench").split(",");
async function deliver(environment: string) {
  const id = statusId++;
  const body = JSON.stringify(deploymentStatusPayload({ statusId: id, deploymentId: id, createdAt: new Date(), environment }));
  const sig = `sha256=${createHmac("sha256", SECRET).update(body).digest("hex")}`;
  const t = performance.now();
  const res = await fetch(`${url}/api/github/webhooks`, { method: "POST", headers: { "content-type": "application/json", "x-github-event": "deployment_status", "x-github-delivery": `p-${id}`, "x-hub-signature-256": sig }, body });
  await res.text();
  return { ms: performance.now() - t, status: res.status };
}
async function closed(n: number) {
  const t = performance.now(); let done = 0; const lat: number[] = []; let bad = 0;
  await Promise.all(Array.from({ length: 16 }, async () => { while (done < n) { done++; const r = await deliver(envs[done % envs.length]!); lat.push(r.ms); if (r.status !== 200) bad++; } }));
  lat.sort((a, b) => a - b);
  return `${(n / ((performance.now() - t) / 1000)).toFixed(0)}/s p50 ${lat[Math.floor(lat.length / 2)]!.toFixed(1)} p99 ${lat[Math.floor(lat.length * 0.99)]!.toFixed(1)} bad ${bad}`;
}
async function open(n: number, rate: number) {
  const started = performance.now(); const lat: number[] = []; const p: Promise<void>[] = [];
  for (let i = 0; i < n; i++) { const w = started + (i * 1000) / rate - performance.now(); if (w > 0) await new Promise((r) => setTimeout(r, w)); p.push(deliver(envs[i % envs.length]!).then((r) => void lat.push(r.ms))); }
  await Promise.all(p); lat.sort((a, b) => a - b);
  return `open ${rate}/s p50 ${lat[Math.floor(lat.length / 2)]!.toFixed(1)} p99 ${lat[Math.floor(lat.length * 0.99)]!.toFixed(1)}`;
}
console.log("warm", await closed(Number(process.env["WARM"] ?? 1000)));
const xact = async () => Number((await db.pool.query("select sum(xact_commit)::bigint n from pg_stat_database")).rows[0].n);
const x0 = await xact();
const { execSync } = await import("node:child_process");
const cpu = (pid: number) => { try { const f = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" "); return (Number(f[11]) + Number(f[12])) / 100; } catch { return 0; } };
const pgCpu = () => execSync("pgrep -f 'postgres'").toString().trim().split("\n").map(Number).reduce((a, p) => a + cpu(p), 0);
const c0 = cpu(child.pid!), p0 = pgCpu(), s0 = cpu(process.pid);

const NN = Number(process.env["N"] ?? 3000);
console.log("closed", await closed(NN));
console.log("xact per delivery", ((await xact()) - x0) / NN);
console.log(`cpu ms per delivery: app ${((cpu(child.pid!) - c0) * 1000 / NN).toFixed(2)} postgres ${((pgCpu() - p0) * 1000 / NN).toFixed(2)} loadgen ${((cpu(process.pid) - s0) * 1000 / NN).toFixed(2)}`);
console.log(await open(2000, 200));
const rss = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${child.pid}/status`, "utf8"))![1];
console.log("rss MB", Number(rss) / 1024);
if (!process.env["BARE"]) { const q = await db.pool.query("select name, state, count(*)::int n from pgboss.job group by 1,2 order by 1,2");
console.log(q.rows.map((r) => `${r.name}/${r.state}:${r.n}`).join(" ")); }
child.kill("SIGTERM");
await new Promise((r) => child.once("exit", r));
await github.close(); await db.drop(); await Promise.all([teardownPostgres(), teardownPrometheus()]);
