import type { IncomingMessage, ServerResponse } from "node:http";
import type pg from "pg";
import { isDatabaseReachable } from "../db/is-database-reachable.js";

/** `GET /healthz`: 200 when the database answers, 503 otherwise. Other requests pass through. */
export function handleHealthz(deps: { pool: pg.Pool }) {
  return async (req: IncomingMessage, res: ServerResponse): Promise<boolean> => {
    const path = (req.url ?? "").split("?")[0];
    if (req.method !== "GET" || path !== "/healthz") return false;
    const ok = await isDatabaseReachable(deps.pool);
    res.writeHead(ok ? 200 : 503, { "content-type": "application/json" });
    res.end(JSON.stringify({ status: ok ? "ok" : "database unreachable" }));
    return true;
  };
}
