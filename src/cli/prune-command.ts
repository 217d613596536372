import { Command } from "commander";
import { readEnv } from "../config/read-env.js";
import { createPool } from "../db/create-pool.js";
import { describePrune, pruneData } from "../lifecycle/prune-data.js";

/** `kaizen prune`: deletes now what the app's hourly prune would, and says what it removed. */
export function pruneCommand(): Command {
  return new Command("prune")
    .description(
      "Delete the data Kaizen no longer keeps, and say what was removed: repositories the app lost access to more than " +
        "KAIZEN_RETENTION (default 30d) ago, workflow runs skipped over 3 days ago, finished jobs older than KAIZEN_RETENTION.",
    )
    .action(async (_options: unknown, command: Command) => {
      const { databaseUrl, retentionMs } = readEnv();
      if (!databaseUrl) {
        command.error("error: DATABASE_URL is not set: set it to the app's database (postgres://user@host:port/database).", { exitCode: 2 });
      }
      const pool = createPool(databaseUrl, { max: 2 });
      try {
        const report = await pruneData(pool, { retentionMs, now: new Date() });
        for (const line of describePrune(report)) console.log(line);
      } finally {
        await pool.end();
      }
    });
}
