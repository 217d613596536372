import { Command, InvalidArgumentError } from "commander";
import { parseDuration } from "../config/parse-duration.js";
import { parseRepoArgument } from "./radar-sync-command.js";

/** `--since 30d`: a duration back from now. */
function parseSince(value: string): number {
  const ms = parseDuration(value);
  if (ms === null || ms <= 0) throw new InvalidArgumentError("expected a duration back from now, like 30d or 12h.");
  return ms;
}

/**
 * A command on one repository's stored history: the `<owner/repo>` argument and `--since <duration>` (milliseconds
 * back from now, `defaultSince` when left out). The caller adds its own options and action (withRepoDatabase).
 */
export function repoHistoryCommand(name: string, description: string, defaultSince: number): Command {
  return new Command(name)
    .description(description)
    .argument("<owner/repo>", "the repository", parseRepoArgument)
    .option("--since <duration>", "how far back, like 30d", parseSince, defaultSince);
}
