import { CONFIG_PATH } from "../config/load-repo-config.js";
import type { GitHubClient } from "./github-client.js";
import type { ConfigProblem } from "../config/config-problem.js";
import { publishCheckRun, type CheckRunReport } from "./check-run.js";
import { templateRenderer } from "../markdown/render-template.js";

const CONFIG_CHECK_NAME = "Kaizen config";

/** templates/github/config-problems.md.hbs: every problem found in one file (none means the file is valid). */
export interface ConfigProblemsContext {
  file: string;
  problems: ConfigProblem[];
  /** What Kaizen did not check, and why (a fork's `_extends`); shown whether or not there are problems. */
  notes: string[];
}

const renderConfigProblems = templateRenderer<{ "config-problems": ConfigProblemsContext }>("github");

/**
 * The "Kaizen config" check run on a commit: failure listing every problem with its fix, success when the file is
 * valid, or neutral when it could not be read (`unreadable`: GitHub kept failing through every retry). One per
 * commit (the external id is the sha), so re-validation updates it in place.
 */
export async function publishConfigCheck(
  octokit: GitHubClient,
  target: { owner: string; repo: string; sha: string } & ({ problems: ConfigProblem[]; notes?: string[] } | { unreadable: true }),
): Promise<number> {
  const { owner, repo, sha } = target;
  return publishCheckRun(octokit, { owner, repo, sha, name: CONFIG_CHECK_NAME, externalId: `kaizen-config:${sha}`, ...outcome(target) });
}

function outcome(
  checked: { problems: ConfigProblem[]; notes?: string[] } | { unreadable: true },
): Pick<CheckRunReport, "conclusion" | "title" | "summary"> {
  if ("unreadable" in checked) {
    return {
      conclusion: "neutral",
      title: `${CONFIG_PATH} could not be checked`,
      summary: `Kaizen could not read ${CONFIG_PATH} at this commit: GitHub kept failing through every retry. Push a new commit to check it again.`,
    };
  }
  const count = checked.problems.length;
  return {
    conclusion: count === 0 ? "success" : "failure",
    title: count === 0 ? `${CONFIG_PATH} is valid` : `${count} problem${count === 1 ? "" : "s"} in ${CONFIG_PATH}`,
    summary: renderConfigProblems("config-problems", { file: CONFIG_PATH, problems: checked.problems, notes: checked.notes ?? [] }),
  };
}
