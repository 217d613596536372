import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";

const IV_BYTES = 12;
const TAG_BYTES = 16;

/**
 * A value sealed for a cookie: AES-256-GCM, so the browser can neither read it (the session holds the user's
 * GitHub token) nor change a bit of it without the tag failing. `purpose` is bound in as associated data, so a
 * login cookie can never be replayed as a session cookie. The expiry travels inside the sealed value: a cookie
 * kept past its Max-Age is still refused.
 */
export function sealCookie(key: Buffer, purpose: string, value: unknown, expiresAt: number): string {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv("aes-256-gcm", key, iv);
  cipher.setAAD(Buffer.from(purpose));
  const plain = Buffer.from(JSON.stringify({ v: value, exp: expiresAt }));
  const sealed = Buffer.concat([iv, cipher.update(plain), cipher.final(), cipher.getAuthTag()]);
  return sealed.toString("base64url");
}

/** The value sealed by {@link sealCookie}, or null when it was tampered with, sealed for another purpose or key, or has expired. */
export function openCookie<T>(key: Buffer, purpose: string, text: string | undefined, now: number): T | null {
  if (!text || !/^[A-Za-z0-9_-]+$/.test(text)) return null;
  const sealed = Buffer.from(text, "base64url");
  if (sealed.length < IV_BYTES + TAG_BYTES + 2) return null;
  try {
    const decipher = createDecipheriv("aes-256-gcm", key, sealed.subarray(0, IV_BYTES));
    decipher.setAAD(Buffer.from(purpose));
    decipher.setAuthTag(sealed.subarray(sealed.length - TAG_BYTES));
    const plain = Buffer.concat([decipher.update(sealed.subarray(IV_BYTES, sealed.length - TAG_BYTES)), decipher.final()]);
    const { v, exp } = JSON.parse(plain.toString("utf8")) as { v: T; exp: number };
    return typeof exp === "number" && exp > now ? v : null;
  } catch {
    return null;
  }
}
