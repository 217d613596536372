/**
 * Headers on every dashboard answer. The policy allows script and style from Kaizen itself only (no inline
 * script: charts read their data from JSON blocks), nothing framed and no framing (clickjacking), forms posted
 * only back to Kaizen; pages depend on the signed-in user, so no shared cache keeps them.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "font-src 'self'",
  "form-action 'self'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
].join("; ");

export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  "content-security-policy": CONTENT_SECURITY_POLICY,
  "x-content-type-options": "nosniff",
  "x-frame-options": "DENY",
  "referrer-policy": "same-origin",
  "cross-origin-opener-policy": "same-origin",
};

export const PRIVATE_PAGE: Readonly<Record<string, string>> = { "cache-control": "private, no-store", vary: "Cookie" };
