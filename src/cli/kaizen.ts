#!/usr/bin/env node
import { Command, CommanderError } from "commander";
import { checkConfigCommand } from "./check-config-command.js";
import { doraCommand } from "./dora-command.js";
import { evaluateCommand } from "./evaluate-command.js";
import { migrateCommand } from "./migrate-command.js";
import { pruneCommand } from "./prune-command.js";
import { radarReviewCommand } from "./radar-review-command.js";
import { radarSyncCommand } from "./radar-sync-command.js";
import { qualityCommand } from "./quality-command.js";
import { replayCommand } from "./replay-command.js";

/**
 * `kaizen`: the command line. Exit codes: 0 done and valid; 1 problems found (invalid config, a failing
 * check run) or the command failed (unreadable file, database or source error); 2 the command line itself
 * was wrong (unknown command or option, bad or missing value).
 */
const COMMANDS = [checkConfigCommand, evaluateCommand, migrateCommand, qualityCommand, replayCommand, pruneCommand];

const program = new Command("kaizen")
  .description("Kaizen's command line: check a kaizen.yml, dry-run an evaluation, migrate the database, review a tech radar, print DORA's keys, judge and replay verdicts.")
  .addHelpText("after", "\nExit codes: 0 ok, 1 problems found or the command failed, 2 usage error.")
  .showHelpAfterError("(add --help for usage)")
  .exitOverride();
for (const command of COMMANDS) program.addCommand(command().copyInheritedSettings(program));

/** `kaizen radar <command>`: the tech radar's commands, acting as the GitHub App. */
const RADAR_COMMANDS = [radarReviewCommand, radarSyncCommand];
const radar = new Command("radar").description("Tech radar: open a review issue, import existing issues.").copyInheritedSettings(program);
for (const command of RADAR_COMMANDS) radar.addCommand(command().copyInheritedSettings(radar));
program.addCommand(radar);
const dora = doraCommand().copyInheritedSettings(program);
for (const command of dora.commands) command.copyInheritedSettings(dora);
program.addCommand(dora);

try {
  await program.parseAsync();
} catch (error) {
  if (error instanceof CommanderError) {
    // Commander has printed the message or the help already; help asked for is not an error.
    process.exitCode = error.exitCode === 0 ? 0 : 2;
  } else {
    console.error(`kaizen: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  }
}
