import { Command, InvalidArgumentError } from "commander";
import { parseDuration } from "../config/parse-duration.js";
import { readEnv } from "../config/read-env.js";
import { createPool } from "../db/create-pool.js";
import { findRepoId } from "../db/find-repo-id.js";
import { loadQuality, qualityText } from "../feedback/load-quality.js";
import { parseRepoArgument } from "./radar-sync-command.js";

/** `--since 30d`: a duration back from now. */
export function parseSince(value: string): number {
  const ms = parseDuration(value);
  if (ms === null || ms <= 0) throw new InvalidArgumentError("expected a duration back from now, like 30d or 12h.");
  return ms;
}

/**
 * `kaizen quality owner/repo [--since 90d] [--json]`: per metric and detector setting, the alerts Kaizen raised,
 * those marked false alarms, the regressions marked missed, precision and recall, from the app's database.
 */
export function qualityCommand(): Command {
  return new Command("quality")
    .description("Print how often a repository's alerts were marked false alarms or regressions missed, per metric and threshold.")
    .argument("<owner/repo>", "the repository", parseRepoArgument)
    .option("--since <duration>", "how far back, like 30d", parseSince, 90 * 86_400_000)
    .option("--json", "print JSON, weeks included, as the API serves it")
    .action(async (target: { owner: string; repo: string }, options: { since: number; json?: boolean }, command: Command) => {
      const env = readEnv();
      if (!env.databaseUrl) command.error("error: DATABASE_URL is not set: set it to the app's database.", { exitCode: 2 });
      const pool = createPool(env.databaseUrl, { max: 2 });
      try {
        const repoId = await findRepoId(pool, target);
        if (repoId === null) throw new Error(`Kaizen has no data for ${target.owner}/${target.repo} in this database.`);
        const now = new Date();
        const report = await loadQuality(pool, repoId, { since: new Date(now.getTime() - options.since), now });
        process.stdout.write(options.json ? `${JSON.stringify({ repository: target, ...report }, null, 2)}\n` : qualityText(report));
      } finally {
        await pool.end();
      }
    });
}
