import { hkdfSync } from "node:crypto";
import type { AppEnv } from "../config/read-env.js";

/** What the dashboard's login needs, built once from the environment. */
export interface DashboardSettings {
  /** The GitHub App's OAuth client id and secret. */
  clientId: string;
  clientSecret: string;
  /** 32 bytes: encrypts and authenticates the session and login cookies (AES-256-GCM). */
  sessionKey: Buffer;
  /** KAIZEN_PUBLIC_URL without a trailing slash, or "" (then the request's own Host is used for the callback). */
  publicUrl: string;
}

/**
 * The dashboard's settings, or undefined when login cannot work (no client id and secret: the pages then say
 * what to set). The session key comes from KAIZEN_SESSION_SECRET, or else is derived from the app's private key
 * (HKDF with a purpose label): every replica shares that key already, it never leaves the server, and rotating
 * it signs everyone out, as rotating a session secret should.
 */
export function dashboardSettings(env: AppEnv): DashboardSettings | undefined {
  if (!env.githubClientId || !env.githubClientSecret) return undefined;
  const material = env.sessionSecret ?? env.privateKey;
  if (!material) return undefined;
  const sessionKey = Buffer.from(hkdfSync("sha256", material, "kaizen", "dashboard-session-v1", 32));
  return { clientId: env.githubClientId, clientSecret: env.githubClientSecret, sessionKey, publicUrl: env.publicUrl ?? "" };
}
