import type { Command } from "commander";
import type { KaizenConfig } from "../config/schema/kaizen-config.js";
import { loadConfigFile } from "../config/load-config-file.js";
import { loadRepoConfig } from "../config/load-repo-config.js";
import { loadSourcesFile } from "../config/load-sources-file.js";
import { readEnv } from "../config/read-env.js";
import { replayEvaluations, replayText } from "../deployments/replay-evaluations.js";
import { createSourceRegistry } from "../deployments/sources/create-source-registry.js";
import { unlessNotFound } from "../github/unless-not-found.js";
import { printConfigProblems } from "./print-config-problems.js";
import { repoHistoryCommand } from "./repo-history-command.js";
import { withCliApp } from "./with-cli-app.js";
import { withRepoDatabase } from "./with-repo-database.js";

interface ReplayOptions {
  since: number;
  config?: string;
  sources?: string;
  environment?: string;
  json?: boolean;
}

/**
 * `kaizen replay owner/repo --since 30d`: re-runs the repository's stored evaluations with today's detector and
 * settings and prints the verdicts that would change, against the marks people made, so a detector or config
 * change is judged on the team's own history before it ships. Settings come from `--config <file>` (try a change
 * before committing it), else from the repository's kaizen.yml, read as the GitHub App. The metrics are queried
 * again from the operator's sources over each evaluation's stored windows.
 */
export function replayCommand(): Command {
  return repoHistoryCommand(
    "replay",
    "Re-run a repository's stored evaluations with today's detector and settings; print which verdicts change, against the marks.",
    30 * 86_400_000,
  )
    .option("--config <file>", "a kaizen.yml to replay with, instead of the repository's own (read as the app)")
    .option("--sources <file>", "the sources file (default: KAIZEN_SOURCES)")
    .option("--environment <name>", "one environment only")
    .option("--json", "print JSON")
    .action(async (target: { owner: string; repo: string }, options: ReplayOptions, command: Command) => {
      const env = readEnv();
      if (!env.databaseUrl) command.error("error: DATABASE_URL is not set: set it to the app's database.", { exitCode: 2 });
      const sourcesPath = options.sources ?? env.sourcesPath;
      if (!sourcesPath) command.error("error: no sources file: pass --sources <file> or set KAIZEN_SOURCES.", { exitCode: 2 });
      const sources = createSourceRegistry(loadSourcesFile(sourcesPath, env.variables));
      let config: KaizenConfig;
      if (options.config) {
        const loaded = loadConfigFile(options.config, sources.names());
        if (!loaded.ok) {
          printConfigProblems(options.config, loaded.problems);
          process.exitCode = 1;
          return;
        }
        config = loaded.config;
      } else {
        config = await withCliApp(command, async ({ app }) => {
          const found = await unlessNotFound((await app.auth()).rest.apps.getRepoInstallation(target));
          if (!found) throw new Error(`the app is not installed on ${target.owner}/${target.repo}: pass --config <file> instead.`);
          const loaded = await loadRepoConfig(await app.auth(found.data.id), target, sources.names());
          if (loaded.status !== "ok") throw new Error(`${target.owner}/${target.repo} has no usable .github/kaizen.yml: pass --config <file> instead.`);
          return loaded.config;
        });
      }
      const now = () => new Date();
      const since = new Date(now().getTime() - options.since);
      const environment = options.environment ? { environment: options.environment } : {};
      const report = await withRepoDatabase(env.databaseUrl, target, (pool, repoId) =>
        replayEvaluations({ pool, sources, now }, { repoId, ...target }, config, { since, ...environment }),
      );
      process.stdout.write(options.json ? `${JSON.stringify(report, null, 2)}\n` : replayText(report));
    });
}
