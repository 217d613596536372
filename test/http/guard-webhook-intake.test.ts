import { createServer as createHttpServer, request, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { createHmac } from "node:crypto";
import { createNodeMiddleware, Probot } from "probot";
import { kaizen } from "../../src/index.js";
import { WEBHOOK_BODY_LIMIT } from "../../src/http/guard-webhook-intake.js";
import { startKaizen, type RunningKaizen, privateKey, WEBHOOK_SECRET } from "../helpers/start-kaizen.js";
import { ProductionOctokit } from "../helpers/production-octokit.js";
import { deploymentStatusPayload } from "../helpers/webhook-payloads.js";

/** Sends headers and at most `send` bytes of a body that claims `declared` bytes; resolves with the status. */
function post(base: string, headers: Record<string, string>, send: Buffer): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(`${base}/api/github/webhooks`, { method: "POST", headers }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on("error", (error) => ((error as NodeJS.ErrnoException).code === "ECONNRESET" || (error as NodeJS.ErrnoException).code === "EPIPE" ? undefined : reject(error)));
    req.write(send);
    // Deliberately not ended when the body is short of its declared length: the answer must not wait for it.
    if (headers["content-length"] === String(send.length)) req.end();
  });
}

describe("a webhook body larger than GitHub ever sends (issue 10, item 11)", () => {
  let k: RunningKaizen;
  let server: Server;
  let base: string;

  beforeAll(async () => {
    k = await startKaizen();
    const probot = new Probot({ appId: 123, privateKey, secret: WEBHOOK_SECRET, Octokit: ProductionOctokit, logLevel: "fatal" });
    const middleware = await createNodeMiddleware(kaizen({ ...k.deps, workers: false }), { probot });
    server = createHttpServer(async (req, res) => {
      if (!(await middleware(req, res))) res.writeHead(404).end();
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
    await k.stop();
  });

  const headers = (length: number) => ({ "content-type": "application/json", "x-github-event": "deployment_status", "x-github-delivery": `cap-${length}`, "content-length": String(length) });

  it("is answered 413 from its declared length, before the body arrives, and nothing is recorded", async () => {
    const declared = WEBHOOK_BODY_LIMIT + 1;
    const heapBefore = process.memoryUsage().heapUsed;
    // 1 MiB sent of 25 MiB + 1 declared: were the body read first, the answer would wait for the rest forever.
    expect(await post(base, headers(declared), Buffer.alloc(1024 * 1024, "x"))).toBe(413);
    expect(process.memoryUsage().heapUsed - heapBefore).toBeLessThan(20 * 1024 * 1024);
    const { rows } = await k.pool.query("select count(*)::int as n from deployments");
    expect(rows[0].n).toBe(0);
  });

  it("is answered 411 without a declared length (GitHub always declares one)", async () => {
    const status = await new Promise<number>((resolve, reject) => {
      const req = request(`${base}/api/github/webhooks`, { method: "POST", headers: { "content-type": "application/json", "transfer-encoding": "chunked" } }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on("error", reject);
      req.write("{");
    });
    expect(status).toBe(411);
  });

  it("lets a signed delivery of ordinary size through", async () => {
    const body = Buffer.from(JSON.stringify(deploymentStatusPayload({ statusId: 7101, createdAt: new Date() })));
    const signed = { ...headers(body.length), "x-hub-signature-256": `sha256=${createHmac("sha256", WEBHOOK_SECRET).update(body).digest("hex")}` };
    expect(await post(base, signed, body)).toBeLessThan(300);
  });
});
