import type { Queryable } from "../db/queryable.js";
import { claimRedelivery, getScannedDeliveryId, setScannedDeliveryId } from "../db/webhook-redeliveries.js";
import type { GitHubClient } from "./github-client.js";

export interface RecoverDeliveriesOptions {
  /** Redeliveries asked for in one run at most (default 25); the rest wait for the next run. */
  maxRedeliveries?: number;
  /** Pages of 100 deliveries read in one run at most (default 10). */
  maxPages?: number;
  /** How far back the first scan looks (default 1 hour); later scans read back to where the last one ended. */
  firstLookbackMs?: number;
  now?: Date;
}

export interface RecoveredDeliveries {
  /** Deliveries read. */
  scanned: number;
  /** Deliveries (by guid) whose every attempt in the scanned range failed. */
  failed: number;
  /** Of those, the ones this run asked GitHub to redeliver (others were asked for already, by this or another replica). */
  redelivered: number;
}

/** A delivery as `GET /app/hook/deliveries` lists it (the fields used here). */
interface Delivery {
  id: number;
  guid: string;
  delivered_at: string;
  status_code: number;
  event: string;
}

/**
 * Recovers webhook deliveries GitHub could not hand over (GitHub does not retry them): lists the app's recent
 * deliveries, newest first, page by page by cursor (`GET /app/hook/deliveries`), back to where the last complete
 * scan ended; any delivery (guid) none of whose attempts got a 2xx is asked to be redelivered
 * (`POST /app/hook/deliveries/{id}/attempts`) — once per guid across replicas (claimRedelivery), at most
 * `maxRedeliveries` per run. A run that stops early (its page or redelivery bound) does not move the scan's mark, so
 * the next run reads the same range again and asks for what is left. `octokit` is authenticated as the app (JWT).
 */
export async function recoverDeliveries(octokit: GitHubClient, db: Queryable, options: RecoverDeliveriesOptions = {}): Promise<RecoveredDeliveries> {
  const { maxRedeliveries = 25, maxPages = 10, firstLookbackMs = 3_600_000, now = new Date() } = options;
  const mark = await getScannedDeliveryId(db);
  const oldest = now.getTime() - firstLookbackMs;

  const deliveries: Delivery[] = [];
  let complete = false;
  let pages = 0;
  for await (const { data } of octokit.paginate.iterator(octokit.rest.apps.listWebhookDeliveries, { per_page: 100 })) {
    pages++;
    const page = data as Delivery[];
    const fresh = page.filter((d) => (mark === null ? Date.parse(d.delivered_at) >= oldest : d.id > mark));
    deliveries.push(...fresh);
    if (fresh.length < page.length || page.length === 0) {
      complete = true;
      break;
    }
    if (pages >= maxPages) break;
  }
  // The iterator ends by itself after the last page: everything there is was read.
  if (pages < maxPages) complete = true;

  const byGuid = new Map<string, Delivery[]>();
  for (const d of deliveries) byGuid.set(d.guid, [...(byGuid.get(d.guid) ?? []), d]);
  const failed = [...byGuid.values()].filter((attempts) => attempts.every((a) => a.status_code < 200 || a.status_code >= 300));

  let redelivered = 0;
  for (const attempts of failed) {
    if (redelivered >= maxRedeliveries) {
      complete = false;
      break;
    }
    const latest = attempts.reduce((a, b) => (b.id > a.id ? b : a));
    if (!(await claimRedelivery(db, { guid: latest.guid, deliveryId: latest.id, event: latest.event }))) continue;
    await octokit.rest.apps.redeliverWebhookDelivery({ delivery_id: latest.id });
    redelivered++;
  }
  if (complete && deliveries.length > 0) await setScannedDeliveryId(db, Math.max(...deliveries.map((d) => d.id)));
  return { scanned: deliveries.length, failed: failed.length, redelivered };
}
