import { CONFIG_PATH } from "../config/load-repo-config.js";
import type { GitHubClient } from "./github-client.js";
import type { ConfigProblem } from "../config/config-problem.js";
import { publishCheckRun } from "./check-run.js";
import { templateRenderer } from "../markdown/render-template.js";

export const CONFIG_CHECK_NAME = "Kaizen config";

/** templates/github/config-problems.md.hbs: every problem found in one file (none means the file is valid). */
export interface ConfigProblemsContext {
  file: string;
  problems: ConfigProblem[];
  /** What Kaizen did not check, and why (a fork's `_extends`); shown whether or not there are problems. */
  notes: string[];
}

const renderConfigProblems = templateRenderer<{ "config-problems": ConfigProblemsContext }>("github");

/**
 * The "Kaizen config" check run on a commit: failure listing every problem with its fix, or success when the
 * file is valid. One per commit (the external id is the sha), so re-validation updates it in place.
 */
export async function publishConfigCheck(
  octokit: GitHubClient,
  target: { owner: string; repo: string; sha: string; problems: ConfigProblem[]; notes?: string[] },
): Promise<number> {
  const { owner, repo, sha, problems } = target;
  const count = problems.length;
  return publishCheckRun(octokit, {
    owner,
    repo,
    sha,
    name: CONFIG_CHECK_NAME,
    externalId: `kaizen-config:${sha}`,
    conclusion: count === 0 ? "success" : "failure",
    title: count === 0 ? `${CONFIG_PATH} is valid` : `${count} problem${count === 1 ? "" : "s"} in ${CONFIG_PATH}`,
    summary: renderConfigProblems("config-problems", { file: CONFIG_PATH, problems, notes: target.notes ?? [] }),
  });
}
