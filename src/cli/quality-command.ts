import type { Command } from "commander";
import { readEnv } from "../config/read-env.js";
import { loadQuality, qualityText } from "../feedback/load-quality.js";
import { repoHistoryCommand } from "./repo-history-command.js";
import { withRepoDatabase } from "./with-repo-database.js";

/**
 * `kaizen quality owner/repo [--since 90d] [--json]`: per metric and detector setting, the alerts Kaizen raised,
 * those marked false alarms, the regressions marked missed, precision and recall, from the app's database.
 */
export function qualityCommand(): Command {
  return repoHistoryCommand(
    "quality",
    "Print how often a repository's alerts were marked false alarms or regressions missed, per metric and threshold.",
    90 * 86_400_000,
  )
    .option("--json", "print JSON, weeks included, as the API serves it")
    .action(async (target: { owner: string; repo: string }, options: { since: number; json?: boolean }, command: Command) => {
      const env = readEnv();
      if (!env.databaseUrl) command.error("error: DATABASE_URL is not set: set it to the app's database.", { exitCode: 2 });
      const now = new Date();
      const since = new Date(now.getTime() - options.since);
      const report = await withRepoDatabase(env.databaseUrl, target, (pool, repoId) => loadQuality(pool, repoId, { since, now }));
      process.stdout.write(options.json ? `${JSON.stringify({ repository: target, ...report }, null, 2)}\n` : qualityText(report));
    });
}
