import { Command, InvalidArgumentError } from "commander";
import { importRadar } from "../radar/import-radar.js";
import { unlessNotFound } from "../github/unless-not-found.js";
import { withCliApp } from "./with-cli-app.js";

/**
 * `kaizen radar sync owner/repo`: imports the repository's radar and trend issues now, as the app does on
 * installation — through the app's installation on that repository, announcing nothing. Safe to run again.
 */
export function radarSyncCommand(): Command {
  return new Command("sync")
    .description("Import a repository's existing radar and trend issues into the database, as the app; safe to run again.")
    .argument("<owner/repo>", "the repository whose radar to import", parseRepoArgument)
    .action(async ({ owner, repo }: { owner: string; repo: string }, _options: unknown, command: Command) => {
      const summary = await withCliApp(command, async ({ app, deps }) => {
        const found = await unlessNotFound((await app.auth()).rest.apps.getRepoInstallation({ owner, repo }));
        if (!found) throw new Error(`the app is not installed on ${owner}/${repo}: install it there first (GitHub → the app's settings → Install App).`);
        const installation = found.data;
        const octokit = await app.auth(installation.id);
        const { data: repository } = await octokit.rest.repos.get({ owner, repo });
        const job = { installationId: installation.id, repoId: repository.id, owner: repository.owner.login, repo: repository.name };
        return importRadar(octokit, deps, job);
      });
      if (!summary.radar) throw new Error(`${owner}/${repo} has no radar: its kaizen.yml is missing, has problems, or has no radar: section.`);
      console.log(`ok  ${summary.issues} radar and trend issues read, ${summary.changed} items created or changed`);
    });
}

/** An `owner/repo` command-line argument, split; anything else is a usage error. */
export function parseRepoArgument(value: string): { owner: string; repo: string } {
  const match = /^([^/\s]+)\/([^/\s]+)$/.exec(value);
  if (!match) throw new InvalidArgumentError("expected owner/name.");
  return { owner: match[1]!, repo: match[2]! };
}
