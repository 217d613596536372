import { Command } from "commander";
import { Probot } from "probot";
import type { AppDeps } from "../app-deps.js";
import { loadSourcesFile } from "../config/load-sources-file.js";
import { readEnv } from "../config/read-env.js";
import { createPool } from "../db/create-pool.js";
import { createSourceRegistry } from "../deployments/sources/create-source-registry.js";

/** What a CLI command acting as the GitHub App gets: the app (as the server would build it) and its database. */
export type CliApp = { app: Probot; deps: Pick<AppDeps, "pool" | "sources" | "now"> };

/**
 * Runs `fn` as the app: APP_ID and its private key, GHE_HOST when set, DATABASE_URL; the pool is closed after.
 * A missing setting is a usage error (exit 2) naming what to set.
 */
export async function withCliApp<T>(command: Command, fn: (cli: CliApp) => Promise<T>): Promise<T> {
  const env = readEnv();
  if (!env.appId || !env.privateKey) {
    command.error("error: APP_ID and PRIVATE_KEY (or PRIVATE_KEY_PATH) are not set: the command acts as the GitHub App.", { exitCode: 2 });
  }
  if (!env.databaseUrl) command.error("error: DATABASE_URL is not set: set it to the app's database.", { exitCode: 2 });
  const baseUrl = env.gheHost ? `${env.gheProtocol}://${env.gheHost}/api/v3` : undefined;
  const app = new Probot({ appId: env.appId, privateKey: env.privateKey, logLevel: "warn", ...(baseUrl ? { baseUrl } : {}) });
  const sources = createSourceRegistry(env.sourcesPath ? loadSourcesFile(env.sourcesPath, env.variables) : { sources: {} });
  const pool = createPool(env.databaseUrl, { max: 2 });
  try {
    return await fn({ app, deps: { pool, sources, now: () => new Date() } });
  } finally {
    await pool.end();
  }
}
