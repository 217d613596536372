import { readFileSync } from "node:fs";
import { parseDuration } from "./parse-duration.js";

const LOG_LEVELS = ["trace", "debug", "info", "warn", "error", "fatal"] as const;

// Wider than NodeJS.ProcessEnv, which Probot narrows (LOG_LEVEL), so tests can pass bad values.
type EnvVars = Readonly<Record<string, string | undefined>>;

/** The operator's settings, read once at startup from the environment. */
export interface AppEnv {
  appId?: number;
  /** PEM text of the GitHub App's private key. */
  privateKey?: string;
  webhookSecret?: string;
  /** Every variable as given, for `${VAR}` references in the operator's sources file. */
  variables: EnvVars;
  port: number;
  host: string;
  logLevel: (typeof LOG_LEVELS)[number];
  /** LOG_FORMAT: `json` (one JSON object a line, for log collectors) or `pretty` (Probot's default, for people). */
  logFormat: "json" | "pretty" | undefined;
  /** Postgres connection string; unset means the embedded database under dataDir. */
  databaseUrl?: string;
  dataDir: string;
  /** GitHub Enterprise Server host (`github.example.com`); unset means github.com. */
  gheHost?: string;
  gheProtocol: "http" | "https";
  /** Path of the operator's metrics sources file. */
  sourcesPath?: string;
  /** How long a repository's data is kept after the app lost access to it (KAIZEN_RETENTION, default 30d), in ms. */
  retentionMs: number;
  /** Whether this process runs the job workers (KAIZEN_WORKERS, default true); false makes a webhook-only process. */
  workers: boolean;
  webhookProxy?: string;
  /** The GitHub App's OAuth client id and secret (Probot's manifest setup writes GITHUB_CLIENT_ID/SECRET): dashboard login. */
  githubClientId?: string;
  githubClientSecret?: string;
  /**
   * KAIZEN_SESSION_SECRET: the key material that signs and encrypts dashboard session cookies (at least 32
   * characters). Unset: derived from the app's private key, which every replica already shares.
   */
  sessionSecret?: string;
  /** KAIZEN_PUBLIC_URL without a trailing slash: where people reach Kaizen (dashboard, OAuth callback, links, Secure cookies); unset means no links. */
  publicUrl?: string;
}

/** Startup is refused: the message lists every bad variable with what to set instead. */
export class EnvError extends Error {
  override name = "EnvError";
  constructor(readonly problems: string[]) {
    super(`Kaizen cannot start; fix these environment variables:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
  }
}

const PEM = /-----BEGIN (RSA )?PRIVATE KEY-----[\s\S]+-----END (RSA )?PRIVATE KEY-----/;

// Keys pasted into one-line variables arrive with literal "\n"s, or base64-encoded (Probot accepts both).
function normalizeKey(text: string): string {
  const decoded = /^[A-Za-z0-9+/=\s]+$/.test(text) ? Buffer.from(text, "base64").toString("utf8") : text;
  return decoded.replace(/\\n/g, "\n").trim() + "\n";
}

function readPrivateKey(inline: string | undefined, path: string | undefined, problems: string[]): string | undefined {
  const advice = "set PRIVATE_KEY to the .pem contents or PRIVATE_KEY_PATH to its file (GitHub App settings → Private keys)";
  if (inline) {
    const key = normalizeKey(inline);
    if (PEM.test(key)) return key;
    problems.push(`PRIVATE_KEY: is not a PEM private key; ${advice}`);
    return undefined;
  }
  if (!path) return undefined;
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? String(error);
    problems.push(`PRIVATE_KEY_PATH=${path}: cannot read the file (${reason}); ${advice}`);
    return undefined;
  }
  if (PEM.test(text)) return text;
  problems.push(`PRIVATE_KEY_PATH=${path}: the file is not a PEM private key; ${advice}`);
  return undefined;
}

function isUrl(text: string, protocols: string[]): boolean {
  try {
    return protocols.includes(new URL(text).protocol);
  } catch {
    return false;
  }
}

function isBaseUrl(text: string): boolean {
  if (!isUrl(text, ["http:", "https:"])) return false;
  const url = new URL(text);
  return url.search === "" && url.hash === "" && url.username === "" && url.password === "";
}

/**
 * Reads and checks every setting Kaizen takes from the environment; the only place that touches
 * process.env. Empty values count as unset. Throws EnvError listing all bad values at once.
 */
export function readEnv(env: EnvVars = process.env): AppEnv {
  const set = (name: string): string | undefined => (env[name]?.trim() ? env[name]?.trim() : undefined);
  const problems: string[] = [];
  const bad = (name: string, rule: string) => problems.push(`${name}=${env[name]}: ${rule}`);

  const appId = set("APP_ID");
  if (appId !== undefined && !/^[1-9]\d*$/.test(appId)) bad("APP_ID", "must be the numeric App ID from the GitHub App settings");
  const privateKey = readPrivateKey(set("PRIVATE_KEY"), set("PRIVATE_KEY_PATH"), problems);
  if (appId !== undefined && !set("PRIVATE_KEY") && !set("PRIVATE_KEY_PATH")) {
    problems.push("PRIVATE_KEY: required when APP_ID is set; set PRIVATE_KEY or PRIVATE_KEY_PATH");
  }
  if (appId !== undefined && !set("WEBHOOK_SECRET")) {
    problems.push("WEBHOOK_SECRET: required when APP_ID is set, so unsigned deliveries are rejected; set it to the app's webhook secret");
  }
  if (appId === undefined && privateKey !== undefined) problems.push("APP_ID: required when a private key is set; set it to the numeric App ID");

  const port = set("PORT") ?? "3000";
  if (!/^\d+$/.test(port) || Number(port) < 1 || Number(port) > 65535) bad("PORT", "must be a port number 1–65535");
  const logLevel = set("LOG_LEVEL") ?? "info";
  if (!(LOG_LEVELS as readonly string[]).includes(logLevel)) bad("LOG_LEVEL", `must be one of ${LOG_LEVELS.join(", ")}`);
  const logFormat = set("LOG_FORMAT");
  if (logFormat !== undefined && logFormat !== "json" && logFormat !== "pretty") bad("LOG_FORMAT", "must be json or pretty");
  const databaseUrl = set("DATABASE_URL");
  // The value may hold a password, so it is never echoed.
  if (databaseUrl && !isUrl(databaseUrl, ["postgres:", "postgresql:"])) {
    problems.push("DATABASE_URL: must be a postgres://user@host:port/database URL, or unset to use the embedded database");
  }
  const gheHost = set("GHE_HOST");
  if (gheHost?.includes("/")) bad("GHE_HOST", "must be a host name like github.example.com, without protocol or path");
  const gheProtocol = set("GHE_PROTOCOL") ?? "https";
  if (gheProtocol !== "http" && gheProtocol !== "https") bad("GHE_PROTOCOL", "must be http or https");
  const workers = set("KAIZEN_WORKERS") ?? "true";
  if (workers !== "true" && workers !== "false") bad("KAIZEN_WORKERS", "must be true or false");
  const retention = set("KAIZEN_RETENTION") ?? "30d";
  const retentionMs = parseDuration(retention);
  if (retentionMs === null) bad("KAIZEN_RETENTION", "must be a duration such as 30d, 12h or 90m");
  const webhookProxy = set("WEBHOOK_PROXY_URL");
  if (webhookProxy && !isUrl(webhookProxy, ["http:", "https:"])) bad("WEBHOOK_PROXY_URL", "must be an http(s) URL such as a smee.io channel");

  const githubClientId = set("GITHUB_CLIENT_ID");
  const githubClientSecret = set("GITHUB_CLIENT_SECRET");
  if (Boolean(githubClientId) !== Boolean(githubClientSecret)) {
    problems.push("GITHUB_CLIENT_ID and GITHUB_CLIENT_SECRET: set both (GitHub App settings → Client ID, Generate a new client secret) or neither");
  }
  const sessionSecret = set("KAIZEN_SESSION_SECRET");
  if (sessionSecret !== undefined && sessionSecret.length < 32) {
    problems.push("KAIZEN_SESSION_SECRET: must be at least 32 characters (e.g. `openssl rand -hex 32`), or unset to derive it from the private key");
  }
  const publicUrl = set("KAIZEN_PUBLIC_URL");
  if (publicUrl && !isBaseUrl(publicUrl)) {
    // Not echoed: a mistaken value may carry credentials.
    problems.push("KAIZEN_PUBLIC_URL: must be the http(s) address people open Kaizen's dashboard at, like https://kaizen.example.com, without credentials, query or fragment");
  }

  if (problems.length > 0) throw new EnvError(problems);
  return {
    appId: appId === undefined ? undefined : Number(appId),
    privateKey,
    webhookSecret: set("WEBHOOK_SECRET"),
    port: Number(port),
    // All interfaces: the app runs behind a load balancer or in a container (Probot's own default is localhost).
    host: set("HOST") ?? "0.0.0.0",
    logLevel: logLevel as AppEnv["logLevel"],
    logFormat: logFormat as AppEnv["logFormat"],
    databaseUrl,
    dataDir: set("KAIZEN_DATA_DIR") ?? ".data",
    gheHost,
    gheProtocol: gheProtocol as AppEnv["gheProtocol"],
    sourcesPath: set("KAIZEN_SOURCES"),
    workers: workers === "true",
    retentionMs: retentionMs ?? 0,
    webhookProxy,
    githubClientId,
    githubClientSecret,
    sessionSecret,
    publicUrl: publicUrl?.replace(/\/+$/, ""),
    variables: env,
  };
}

/** The variables Probot's `run(appFn, { env })` reads, from the checked settings. */
export function probotEnv(appEnv: AppEnv): Record<string, string> {
  const entries: Array<[string, string | number | undefined]> = [
    ["APP_ID", appEnv.appId],
    ["PRIVATE_KEY", appEnv.privateKey],
    ["WEBHOOK_SECRET", appEnv.webhookSecret],
    ["PORT", appEnv.port],
    ["HOST", appEnv.host],
    ["LOG_LEVEL", appEnv.logLevel],
    ["LOG_FORMAT", appEnv.logFormat],
    ["GHE_HOST", appEnv.gheHost],
    ["GHE_PROTOCOL", appEnv.gheProtocol],
    ["WEBHOOK_PROXY_URL", appEnv.webhookProxy],
  ];
  return Object.fromEntries(entries.flatMap(([name, value]) => (value === undefined ? [] : [[name, String(value)]])));
}
