import { Command, InvalidArgumentError } from "commander";
import { loadDoraConfig } from "../dora/load-dora-config.js";
import { loadDoraReport } from "../dora/load-dora-report.js";
import { doraCsv, doraText } from "../dora/format-dora.js";
import { syncDora } from "../dora/sync-dora.js";
import { weekStart } from "../dora/model/dora-stats.js";
import { unlessNotFound } from "../github/unless-not-found.js";
import type { GitHubClient } from "../github/github-client.js";
import { parseRepoArgument } from "./radar-sync-command.js";
import { withCliApp, type CliApp } from "./with-cli-app.js";

const DAY = 86_400_000;

/**
 * `kaizen dora owner/repo`: prints the five keys per week from the app's database (`--csv` for CSV);
 * `kaizen dora sync owner/repo`: backfills the repository's deployments, pull requests, incidents and compares,
 * as the app does on installation. Both act through the app's installation on the repository.
 */
export function doraCommand(): Command {
  const dora = new Command("dora")
    .description("DORA's five keys: print the table of a repository, or backfill it (`kaizen dora sync owner/repo`).")
    .argument("[owner/repo]", "the repository whose keys to print", parseRepoArgument)
    .option("--environment <name>", "one environment instead of the config's production environments")
    .option("--from <date>", "first day (default: twelve weeks back, from a Monday)", parseDate)
    .option("--to <date>", "end, exclusive (default: now)", parseDate)
    .option("--csv", "print CSV instead of a table")
    .action(async (target: { owner: string; repo: string } | undefined, options: { environment?: string; from?: Date; to?: Date; csv?: boolean }, command: Command) => {
      if (!target) command.error("error: name the repository: kaizen dora owner/repo (or kaizen dora sync owner/repo).", { exitCode: 2 });
      const output = await withCliApp(command, async (cli) => {
        const { octokit, repository } = await repositoryAsApp(cli, target);
        const config = await loadDoraConfig(octokit, cli.deps, target);
        if (!config) throw new Error(`${target.owner}/${target.repo} has no usable kaizen.yml: DORA's keys need one.`);
        const to = options.to ?? cli.deps.now();
        const from = options.from ?? new Date(weekStart(to).getTime() - 11 * 7 * DAY);
        const report = await loadDoraReport(cli.deps, repository.id, config, { environment: options.environment ?? null, from, to });
        return options.csv ? doraCsv(report) : doraText(report);
      });
      process.stdout.write(output);
    });
  dora.addCommand(
    new Command("sync")
      .description("Backfill a repository's deployments, pull requests, incidents and compares from GitHub; safe to run again.")
      .argument("<owner/repo>", "the repository to backfill", parseRepoArgument)
      .action(async (target: { owner: string; repo: string }, _options: unknown, command: Command) => {
        const summary = await withCliApp(command, async (cli) => {
          const { octokit, installationId, repository } = await repositoryAsApp(cli, target);
          return syncDora(octokit, cli.deps, { installationId, repoId: repository.id, owner: repository.owner.login, repo: repository.name });
        });
        if (!summary.dora) throw new Error(`${target.owner}/${target.repo} has no usable kaizen.yml: DORA's keys need one.`);
        console.log(`ok  changed: ${summary.deployments} deployments, ${summary.pulls} pull requests, ${summary.incidents} issues, ${summary.compares} compares`);
      }),
  );
  return dora;
}

async function repositoryAsApp({ app }: CliApp, { owner, repo }: { owner: string; repo: string }) {
  const found = await unlessNotFound((await app.auth()).rest.apps.getRepoInstallation({ owner, repo }));
  if (!found) throw new Error(`the app is not installed on ${owner}/${repo}: install it there first (GitHub → the app's settings → Install App).`);
  const octokit: GitHubClient = await app.auth(found.data.id);
  const { data: repository } = await octokit.rest.repos.get({ owner, repo });
  return { octokit, installationId: found.data.id, repository };
}

function parseDate(value: string): Date {
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) throw new InvalidArgumentError("expected a date, like 2026-03-02.");
  return date;
}
