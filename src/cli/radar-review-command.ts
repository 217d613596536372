import { Command, InvalidArgumentError } from "commander";
import { openRadarReview } from "../radar/open-radar-review.js";
import { findInstalledRepoId } from "../radar/github.js";
import { withCliApp } from "./with-cli-app.js";

function parseRepo(value: string): { owner: string; repo: string } {
  const match = /^([^/\s]+)\/([^/\s]+)$/.exec(value);
  if (!match) throw new InvalidArgumentError("expected owner/name.");
  return { owner: match[1]!, repo: match[2]! };
}

/** `kaizen radar review owner/repo`: opens a review issue now, outside the schedule (never counted as a period's). */
export function radarReviewCommand(): Command {
  return new Command("review")
    .description("Open a review issue for a repository's tech radar now, as the app; prints its URL.")
    .argument("<owner/repo>", "the repository whose radar to review", parseRepo)
    .action(async (target: { owner: string; repo: string }, _options: unknown, command: Command) => {
      const review = await withCliApp(command, async ({ app, deps }) => {
        const repoId = await findInstalledRepoId(app, target);
        return repoId === null ? null : openRadarReview(app, deps, { repoId, period: null });
      });
      if (!review) throw new Error(`${target.owner}/${target.repo} has no radar: the app is not installed on it, no radar items are stored for it, or its kaizen.yml has no radar: section.`);
      console.log(`ok  opened ${review.url}`);
    });
}
