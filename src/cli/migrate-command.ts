import { Command } from "commander";
import { readEnv } from "../config/read-env.js";
import { createPool } from "../db/create-pool.js";
import { migrate } from "../db/migrate.js";

/** Applies the pending migrations to DATABASE_URL and says which. */
async function runMigrations(command: Command): Promise<void> {
  const { databaseUrl } = readEnv();
  if (!databaseUrl) {
    command.error(
      "error: DATABASE_URL is not set: set it to the app's database (postgres://user@host:port/database). " +
        "An app without DATABASE_URL uses its embedded database and migrates it itself at `npm start`.",
      { exitCode: 2 },
    );
  }
  const pool = createPool(databaseUrl, { max: 1 });
  try {
    const applied = await migrate(pool);
    console.log(applied.length === 0 ? "ok  the database is up to date" : `ok  applied ${applied.join(", ")}`);
  } finally {
    await pool.end();
  }
}

/** `kaizen migrate`: the migrations `npm start` applies, for deployments that run them as a separate step. */
export function migrateCommand(): Command {
  return new Command("migrate")
    .description("Apply the pending database migrations to DATABASE_URL (safe to run again, and alongside running apps).")
    .action(async (_options: unknown, command: Command) => {
      await runMigrations(command);
    });
}
