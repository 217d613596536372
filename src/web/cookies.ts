import type { IncomingMessage } from "node:http";

/** The request's cookies by name (the first of a repeated name wins). */
export function readCookies(req: IncomingMessage): Map<string, string> {
  const cookies = new Map<string, string>();
  for (const part of (req.headers.cookie ?? "").split(";")) {
    const at = part.indexOf("=");
    if (at < 0) continue;
    const name = part.slice(0, at).trim();
    if (name && !cookies.has(name)) cookies.set(name, part.slice(at + 1).trim());
  }
  return cookies;
}

/**
 * A Set-Cookie value for the dashboard: HttpOnly (no script reads it), SameSite=Lax (not sent on cross-site
 * sub-requests or form posts), whole site, Secure when Kaizen is served over https. `maxAgeSeconds` 0 deletes it.
 */
export function cookieHeader(name: string, value: string, options: { maxAgeSeconds: number; secure: boolean }): string {
  const parts = [`${name}=${value}`, "Path=/", "HttpOnly", "SameSite=Lax", `Max-Age=${options.maxAgeSeconds}`];
  if (options.secure) parts.push("Secure");
  return parts.join("; ");
}
