import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type pg from "pg";
import { Probot, createNodeMiddleware } from "probot";
import { kaizen } from "../../src/index.js";
import { lateBound } from "./late-bound.js";
import { privateKey, WEBHOOK_SECRET } from "./start-kaizen.js";
import { ProductionOctokit } from "./production-octokit.js";
import { useKaizen, type UseKaizenOptions } from "./use-kaizen.js";

/**
 * useKaizen() (with requests to 127.0.0.1 let through) plus the app's HTTP routes served on a loopback port, for
 * tests that call its API over HTTP: `base` is the server's URL, `pool` the app's database. The served app runs
 * no workers of its own and calls GitHub at `githubBaseUrl` (a GitHub Enterprise Server; api.github.com when left
 * out). Call it first in the describe block, as useKaizen().
 */
export function useKaizenServer(options: UseKaizenOptions & { githubBaseUrl?: string } = {}): { base: string; pool: pg.Pool } {
  const { githubBaseUrl, ...kaizenOptions } = options;
  let server: Server | undefined;
  let served: { base: string; pool: pg.Pool } | undefined;
  // Jest runs afterAll hooks in the order they are added: this one, added before useKaizen's, closes the server
  // before the app it serves stops.
  afterAll(async () => {
    served = undefined;
    if (server) await new Promise((resolve) => server!.close(resolve));
  });
  const app = useKaizen({ ...kaizenOptions, localhost: true });
  beforeAll(async () => {
    const probot = new Probot({ appId: 123, privateKey, secret: WEBHOOK_SECRET, Octokit: ProductionOctokit, logLevel: "fatal", ...(githubBaseUrl ? { baseUrl: githubBaseUrl } : {}) });
    const middleware = await createNodeMiddleware(kaizen({ ...app.deps, workers: false }), { probot });
    const listening = createServer((req, res) => void middleware(req, res));
    server = listening;
    await new Promise<void>((resolve) => listening.listen(0, "127.0.0.1", resolve));
    served = { base: `http://127.0.0.1:${(listening.address() as AddressInfo).port}`, pool: app.pool };
  });
  return lateBound(() => served, "The server of useKaizenServer()");
}
