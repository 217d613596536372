import type { Probot } from "probot";
import type pg from "pg";
import { groupCommit } from "../db/group-commit.js";
import { noteIntake, yieldToIntake } from "./yield-to-intake.js";

export interface WebhookInboxOptions {
  pool: pg.Pool;
  /** Run the drain in this process (a webhook-only replica stores, the worker replicas drain). */
  drain: boolean;
  /** Deliveries whose handlers run at once in this process (default 8). */
  concurrency?: number;
  /** How long a delivery's handlers may take before another process takes it up again (default 30 s). */
  leaseSeconds?: number;
  /** Attempts before a delivery is given up on (default 6: retried after 2, 4, 8, 16, 32 s). */
  maxAttempts?: number;
  /** How often an idle drain looks for deliveries stored by other replicas (default 250 ms). */
  pollMs?: number;
  log: Pick<Probot["log"], "info" | "warn" | "error">;
}

export interface WebhookInbox {
  /** Stops taking deliveries from the inbox and waits for those running. */
  stop(): Promise<void>;
}

interface StoredDelivery {
  id: number;
  delivery_id: string;
  event: string;
  payload: string;
  attempts: number;
}

/**
 * Durable webhook intake. A signed delivery is answered as soon as it is stored — one insert shared by the
 * deliveries arriving together (group commit) — and its handlers run afterwards from the inbox, at a bounded
 * concurrency that never starves the intake. The answer no longer waits for the handlers' own reads and writes, and a
 * delivery that was answered 200 is never lost: a handler that fails (the database restarting, a bug) is retried
 * from the inbox with backoff, and a process that dies mid-way leaves its deliveries due again after the lease.
 * A delivery that cannot be stored is answered 5xx, so GitHub records it as failed (delivery recovery asks again).
 *
 * Probot's webhook middleware (signature, body, answer) is kept; only its last step changes from "run the handlers"
 * to "store": `webhooks.verifyAndReceive` is replaced, and the drain calls the original `webhooks.receive`.
 */
export function useWebhookInbox(app: Probot, options: WebhookInboxOptions): WebhookInbox {
  const webhooks = app.webhooks as unknown as {
    verify(payload: string, signature: string): Promise<boolean>;
    receive(event: { id: string; name: string; payload: unknown }): Promise<void>;
    verifyAndReceive(event: { id: string; name: string; payload: string; signature: string }): Promise<void>;
  };
  const receive = webhooks.receive.bind(webhooks);
  let wake: (() => void) | undefined;

  webhooks.verifyAndReceive = async (event) => {
    const signed = await webhooks.verify(event.payload, event.signature).catch(() => false);
    if (!signed) throw requestError(400, "signature does not match event payload and secret");
    try {
      JSON.parse(event.payload);
    } catch {
      throw requestError(400, "Invalid JSON");
    }
    try {
      await store(options.pool, { deliveryId: event.id, event: event.name, payload: event.payload });
      noteIntake();
    } catch (error) {
      throw requestError(503, `the delivery could not be stored: ${error instanceof Error ? error.message : String(error)}`);
    }
    wake?.();
  };
  if (!options.drain) return { stop: async () => undefined };

  const concurrency = options.concurrency ?? 8;
  const leaseSeconds = options.leaseSeconds ?? 30;
  const maxAttempts = options.maxAttempts ?? 6;
  const pollMs = options.pollMs ?? 250;
  let stopped = false;

  async function runOne(row: StoredDelivery): Promise<{ id: number; error?: string }> {
    try {
      await receive({ id: row.delivery_id, name: row.event, payload: JSON.parse(row.payload) });
      return { id: row.id };
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      return { id: row.id, error: message.slice(0, 2000) };
    }
  }

  async function drainOnce(): Promise<number> {
    const { rows } = await options.pool.query<StoredDelivery>({
      name: "lease-webhook-inbox",
      text: `update webhook_inbox set due_at = now() + make_interval(secs => $2), attempts = attempts + 1
             where id in (select id from webhook_inbox where due_at <= now() order by id limit $1 for update skip locked)
             returning id::int, delivery_id, event, payload, attempts`,
      values: [concurrency, leaseSeconds],
    });
    if (rows.length === 0) return 0;
    const outcomes = await Promise.all(rows.map(runOne));
    const done = outcomes.filter((o) => o.error === undefined).map((o) => o.id);
    const failed = outcomes.filter((o) => o.error !== undefined);
    const gaveUp = failed.filter((o) => rows.find((r) => r.id === o.id)!.attempts >= maxAttempts);
    const retried = failed.filter((o) => !gaveUp.includes(o));
    for (const o of gaveUp) {
      const row = rows.find((r) => r.id === o.id)!;
      options.log.error({ deliveryId: row.delivery_id, event: row.event, attempts: row.attempts, error: o.error }, `webhook inbox: gave up on delivery ${row.delivery_id} (${row.event}) after ${row.attempts} attempts`);
    }
    if (retried.length > 0) {
      options.log.warn({ deliveries: retried.length }, `webhook inbox: ${retried.length} delivery(ies) failed, retried later`);
      await options.pool.query(
        `update webhook_inbox i set due_at = now() + make_interval(secs => power(2, i.attempts)), last_error = f.error
         from unnest($1::bigint[], $2::text[]) as f (id, error) where i.id = f.id`,
        [retried.map((o) => o.id), retried.map((o) => o.error!)],
      );
    }
    const finished = [...done, ...gaveUp.map((o) => o.id)];
    if (finished.length > 0) await options.pool.query({ name: "finish-webhook-inbox", text: "delete from webhook_inbox where id = any($1::bigint[])", values: [finished] });
    return rows.length;
  }

  const loop = (async () => {
    while (!stopped) {
      let taken = 0;
      try {
        // While deliveries are coming in, the drain steps back like the jobs do: the answers come first, and what
        // the drain leaves waits in the inbox, already stored, until the burst is over.
        taken = await yieldToIntake(drainOnce);
      } catch (error) {
        // The database is unreachable or restarting: the rows stay, due again after their lease.
        options.log.warn({ error: error instanceof Error ? error.message : String(error) }, "webhook inbox: drain failed, trying again");
      }
      if (taken === 0 && !stopped) {
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, pollMs);
          wake = () => {
            clearTimeout(timer);
            resolve();
          };
        });
        wake = undefined;
      }
    }
  })();

  return {
    async stop() {
      stopped = true;
      wake?.();
      await loop;
    },
  };
}

/** A delivery stored this recently means the intake is busy. */

/** The shape of error @octokit/webhooks' middleware turns into an HTTP answer (its status and message). */
function requestError(status: number, message: string): AggregateError {
  return new AggregateError([Object.assign(new Error(message), { status })], message);
}

const store = groupCommit<pg.Pool, { deliveryId: string; event: string; payload: string }, void>(async (pool, items) => {
  await pool.query({
    name: "store-webhook-inbox",
    text: "insert into webhook_inbox (delivery_id, event, payload) select * from unnest($1::text[], $2::text[], $3::text[])",
    values: [items.map((i) => i.deliveryId), items.map((i) => i.event), items.map((i) => i.payload)],
  });
  return items.map(() => undefined);
});
