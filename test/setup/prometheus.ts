import { execFile, spawn, spawnSync, type ChildProcess } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { promisify } from "node:util";
import { generateOpenMetrics } from "../helpers/prometheus-fixture.js";

// A real Prometheus for the suite (jest global setup, parent process): the series documented in
// test/helpers/prometheus-fixture.ts are backfilled into a fresh TSDB with promtool, then served on a free
// 127.0.0.1 port. Workers find it through KAIZEN_TEST_PROMETHEUS_URL, KAIZEN_TEST_STEP_AT and
// KAIZEN_TEST_RECOVERY_AT.

interface RunningPrometheus {
  child: ChildProcess;
  dir: string;
}

// Setup and teardown may be loaded as separate module instances, so the handle lives on globalThis.
const STATE = Symbol.for("kaizen.test.prometheus");
const state = globalThis as unknown as Record<typeof STATE, RunningPrometheus | undefined>;

const QUERY_READY_TIMEOUT_MS = 20_000;

/** Backfills the fixture series, starts Prometheus and waits until it serves them. */
export async function setupPrometheus(): Promise<void> {
  requireBinaries();
  const dir = await mkdtemp(join(tmpdir(), "kaizen-prometheus-"));
  const { text, timeline } = generateOpenMetrics(Math.floor(Date.now() / 1000));
  await writeFile(join(dir, "fixture.om"), text);
  await writeFile(join(dir, "prometheus.yml"), "global:\n  scrape_interval: 1m\nscrape_configs: []\n");
  await promisify(execFile)("promtool", ["tsdb", "create-blocks-from", "openmetrics", "fixture.om", "data"], {
    cwd: dir,
  });

  const port = await findFreePort();
  const child = spawn(
    "prometheus",
    [
      "--config.file=prometheus.yml",
      "--storage.tsdb.path=data",
      // Retention counts from the newest block; keep it far above the backfill's age.
      "--storage.tsdb.retention.time=30d",
      `--web.listen-address=127.0.0.1:${port}`,
      "--log.level=warn",
    ],
    { cwd: dir, stdio: ["ignore", "ignore", "pipe"] },
  );
  state[STATE] = { child, dir };
  process.once("exit", () => child.kill("SIGKILL"));
  let log = "";
  child.stderr?.on("data", (chunk: Buffer) => (log = (log + chunk.toString()).slice(-4000)));

  const url = `http://127.0.0.1:${port}`;
  try {
    await waitForData(url, child, timeline.stepAt);
  } catch (error) {
    await teardownPrometheus();
    throw new Error(`The test Prometheus did not come up: ${(error as Error).message}\n${log}`);
  }
  process.env.KAIZEN_TEST_PROMETHEUS_URL = url;
  process.env.KAIZEN_TEST_STEP_AT = String(timeline.stepAt);
  process.env.KAIZEN_TEST_RECOVERY_AT = String(timeline.recoveryAt);
}

/** Stops the test Prometheus and deletes its data. */
export async function teardownPrometheus(): Promise<void> {
  const running = state[STATE];
  if (!running) return;
  state[STATE] = undefined;
  const { child, dir } = running;
  if (child.exitCode === null && child.signalCode === null) {
    const exited = new Promise((resolve) => child.once("exit", resolve));
    child.kill("SIGTERM");
    // Unref'd, so a prompt exit does not leave a timer holding jest open.
    await Promise.race([exited, sleep(5000, undefined, { ref: false }).then(() => child.kill("SIGKILL"))]);
  }
  await rm(dir, { recursive: true, force: true });
}

function requireBinaries(): void {
  for (const binary of ["prometheus", "promtool"]) {
    if (spawnSync(binary, ["--version"]).error) {
      throw new Error(
        `The tests need a real Prometheus, but \`${binary}\` is not on PATH: ` +
          "install with: apt-get update && apt-get install -y prometheus",
      );
    }
  }
}

async function findFreePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  await new Promise((resolve) => server.close(resolve));
  if (address === null || typeof address === "string") throw new Error("could not find a free port");
  return address.port;
}

// Ready is not enough: the backfilled blocks must be loaded and answer a query.
async function waitForData(url: string, child: ChildProcess, at: number): Promise<void> {
  const query = new URLSearchParams({ query: 'kaizen_test_latency_seconds{env="production"}', time: String(at) });
  const deadline = Date.now() + QUERY_READY_TIMEOUT_MS;
  let last = "no answer yet";
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) throw new Error(`prometheus exited (${child.exitCode ?? child.signalCode})`);
    try {
      const ready = await fetch(`${url}/-/ready`);
      if (ready.ok) {
        const body = (await (await fetch(`${url}/api/v1/query?${query}`)).json()) as { data?: { result?: unknown[] } };
        if ((body.data?.result?.length ?? 0) > 0) return;
        last = "ready, but the backfilled series are not loaded yet";
      } else {
        last = `/-/ready answered ${ready.status}`;
      }
    } catch (error) {
      last = (error as Error).message;
    }
    await sleep(100);
  }
  throw new Error(`gave up after ${QUERY_READY_TIMEOUT_MS / 1000} s: ${last}`);
}
