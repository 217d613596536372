import type { IncomingMessage, ServerResponse } from "node:http";
import type pg from "pg";
import { isDatabaseReachable } from "../db/is-database-reachable.js";

/**
 * `GET /healthz`: 200 when the database answers, 503 otherwise — and 503 "draining" once the process is stopping,
 * so a load balancer sends the next deliveries to another replica. Other requests pass through.
 */
export function handleHealthz(deps: { pool: pg.Pool; draining?: () => boolean }) {
  return async (req: IncomingMessage, res: ServerResponse): Promise<boolean> => {
    const path = (req.url ?? "").split("?")[0];
    if (req.method !== "GET" || path !== "/healthz") return false;
    const status = deps.draining?.() ? "draining" : (await isDatabaseReachable(deps.pool)) ? "ok" : "database unreachable";
    res.writeHead(status === "ok" ? 200 : 503, { "content-type": "application/json" });
    res.end(JSON.stringify({ status }));
    return true;
  };
}
