import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { createHash } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { SECURITY_HEADERS } from "./security-headers.js";

/** Where the dashboard's own static files live: `static/web/`, two levels above src/web and lib/web alike. */
const STATIC_DIR = new URL("../../static/web/", import.meta.url);
const require = createRequire(import.meta.url);

/** URL prefix of every static asset; `-` cannot start a GitHub owner name, so it never shadows a repository. */
export const STATIC_PREFIX = "/-/static/";

const ASSETS: Record<string, { file: () => string | URL; type: string }> = {
  "uplot.iife.min.js": { file: () => require.resolve("uplot/dist/uPlot.iife.min.js"), type: "text/javascript; charset=utf-8" },
  "uplot.min.css": { file: () => require.resolve("uplot/dist/uPlot.min.css"), type: "text/css; charset=utf-8" },
  "dashboard.js": { file: () => new URL("dashboard.js", STATIC_DIR), type: "text/javascript; charset=utf-8" },
  "dashboard.css": { file: () => new URL("dashboard.css", STATIC_DIR), type: "text/css; charset=utf-8" },
};

const loaded = new Map<string, { body: Buffer; etag: string }>();

/**
 * Serves the charting library (uPlot, from node_modules: no CDN, an operator's Kaizen may have no internet) and the
 * dashboard's own script and styles. Read once per process; revalidated by ETag.
 */
export function serveStaticAsset(name: string, req: IncomingMessage, res: ServerResponse): boolean {
  const asset = Object.hasOwn(ASSETS, name) ? ASSETS[name] : undefined;
  if (!asset) return false;
  let entry = loaded.get(name);
  if (!entry) {
    const body = readFileSync(asset.file());
    entry = { body, etag: `"${createHash("sha256").update(body).digest("base64url").slice(0, 16)}"` };
    loaded.set(name, entry);
  }
  const headers = { ...SECURITY_HEADERS, "content-type": asset.type, "cache-control": "public, max-age=3600", etag: entry.etag };
  if (req.headers["if-none-match"] === entry.etag) {
    res.writeHead(304, headers).end();
    return true;
  }
  res.writeHead(200, { ...headers, "content-length": entry.body.length });
  res.end(req.method === "HEAD" ? undefined : entry.body);
  return true;
}
