import { createHmac } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { createNodeMiddleware, Probot } from "probot";
import { useWebhookInbox, type WebhookInbox } from "../../src/queue/webhook-inbox.js";
import { privateKey, WEBHOOK_SECRET } from "../helpers/start-kaizen.js";
import { ProductionOctokit } from "../helpers/production-octokit.js";
import { useTestDatabase } from "../helpers/test-database.js";
import { until } from "../helpers/kaizen-process.js";

/**
 * The webhook inbox through Probot's real HTTP middleware (signature, body, answer) on a real PostgreSQL: a signed
 * delivery is answered once stored, its handlers run from the inbox afterwards, and a handler that fails is run again.
 */
describe("the webhook inbox", () => {
  const db = useTestDatabase({ each: true });
  let server: Server;
  let inbox: WebhookInbox;
  let url: string;
  const handled: Array<{ id: string; action: string }> = [];
  let failures = 0;
  const errors: string[] = [];

  beforeEach(async () => {
    handled.length = 0;
    errors.length = 0;
    const probot = new Probot({ appId: 123, privateKey, secret: WEBHOOK_SECRET, Octokit: ProductionOctokit, logLevel: "fatal" });
    const middleware = await createNodeMiddleware(
      (app) => {
        app.on("issues", async (context) => {
          if (failures > 0) {
            failures--;
            throw new Error("the database is restarting");
          }
          handled.push({ id: context.id, action: context.payload.action });
        });
        // The give-up line, as the operator reads it in the logs.
        const log = { info: () => undefined, warn: () => undefined, error: (_: unknown, line: string) => void errors.push(line) } as unknown as typeof app.log;
        inbox = useWebhookInbox(app, { pool: db.pool, drain: true, log, pollMs: 20, maxAttempts: 2 });
      },
      { probot },
    );
    server = createServer(async (req, res) => {
      if (!(await middleware(req, res))) res.writeHead(404).end();
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/github/webhooks`;
  });
  afterEach(async () => {
    await inbox.stop();
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  const body = (action: string) => JSON.stringify({ action, issue: { number: 1 }, repository: { id: 1, name: "r", owner: { login: "o" } } });
  function deliver(id: string, payload: string, secret = WEBHOOK_SECRET): Promise<Response> {
    const signature = `sha256=${createHmac("sha256", secret).update(payload).digest("hex")}`;
    const headers = { "content-type": "application/json", "x-github-event": "issues", "x-github-delivery": id, "x-hub-signature-256": signature };
    return fetch(url, { method: "POST", headers, body: payload });
  }
  const stored = async () => (await db.pool.query<{ n: number }>("select count(*)::int as n from webhook_inbox")).rows[0]!.n;

  it("answers a signed delivery once stored, then runs its handlers and empties the row", async () => {
    const answers = await Promise.all(["a", "b", "c"].map((id) => deliver(id, body(`opened-${id}`))));
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200]);
    await until("the handlers to run", async () => (handled.length === 3 ? true : null), 10);
    expect(handled.map((h) => h.id).sort()).toEqual(["a", "b", "c"]);
    expect(handled.find((h) => h.id === "b")!.action).toBe("opened-b");
    await until("the inbox to be empty", async () => ((await stored()) === 0 ? true : null), 10);
  });

  it("refuses a delivery with a wrong signature or a body that is not JSON, storing nothing", async () => {
    expect((await deliver("bad-signature", body("opened"), "not-the-secret")).status).toBe(400);
    expect((await deliver("bad-json", "{not json")).status).toBe(400);
    expect(await stored()).toBe(0);
    expect(handled).toEqual([]);
  });

  it("runs a delivery whose handler failed again, and gives up (logged) after the last attempt", async () => {
    failures = 1;
    expect((await deliver("retried", body("opened"))).status).toBe(200);
    await until("the retried handler to run", async () => (handled.length === 1 ? true : null), 15);
    expect(handled[0]!.id).toBe("retried");

    failures = 2;
    expect((await deliver("given-up", body("opened"))).status).toBe(200);
    await until("the give-up", async () => (errors.length === 1 ? true : null), 15);
    expect(errors[0]).toMatch(/gave up on delivery given-up \(issues\) after 2 attempts/);
    expect(await stored()).toBe(0);
    expect(handled).toHaveLength(1);
  });
});
