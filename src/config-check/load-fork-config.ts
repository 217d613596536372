import { parse } from "yaml";
import { FILE_PATH, type ConfigProblem } from "../config/config-problem.js";
import { CONFIG_PATH, type RepoConfigResult } from "../config/load-repo-config.js";
import { validateConfig } from "../config/validate-config.js";
import { yamlSyntaxProblem, type YamlSyntaxError } from "../config/yaml-syntax-problem.js";
import type { GitHubClient } from "../github/github-client.js";
import { unlessNotFound } from "../github/unless-not-found.js";

/** The fork's file alone, and what the check run says about the `_extends` it did not follow. */
export type ForkConfigResult = RepoConfigResult & { notes: string[] };

/**
 * Loads `.github/kaizen.yml` as a fork's pull request changes it, without following `_extends`. Kaizen reads
 * with the installation's token, which may read the organisation's private repositories; a fork author who
 * writes `_extends: org/private:secrets.yml` would otherwise learn from the public check run whether that file
 * exists and which keys it holds. So only the file in the pull request is validated (the keys it sets replace
 * any inherited ones anyway), and the check says that `_extends` was not followed and why.
 */
export async function loadForkConfig(
  octokit: GitHubClient,
  { owner, repo, ref }: { owner: string; repo: string; ref: string },
  sourceNames: string[],
): Promise<ForkConfigResult> {
  const answer = await unlessNotFound(octokit.rest.repos.getContent({ owner, repo, path: CONFIG_PATH, ref, mediaType: { format: "raw" } }));
  if (!answer) return { status: "missing", notes: [] };
  let raw: unknown;
  try {
    raw = parse(String(answer.data));
  } catch (error) {
    return { status: "invalid", problems: [yamlSyntaxProblem(`\`${CONFIG_PATH}\``, error as YamlSyntaxError)], notes: [] };
  }
  if (raw === null || raw === undefined) return { status: "missing", notes: [] };
  if (typeof raw !== "object" || Array.isArray(raw)) {
    const problem: ConfigProblem = {
      path: FILE_PATH,
      message: `\`${CONFIG_PATH}\` holds a single value or a list instead of options.`,
      fix: "Write options as `key: value` lines, like `gate: true`; see the example in the Kaizen README.",
    };
    return { status: "invalid", problems: [problem], notes: [] };
  }
  const { _extends: extendsFrom, ...own } = raw as Record<string, unknown>;
  const notes =
    extendsFrom === undefined
      ? []
      : [
          `This pull request comes from a fork, so Kaizen checked this file on its own and did not read \`_extends\` (${typeof extendsFrom === "string" ? `\`${extendsFrom.replace(/`/g, "'")}\`` : "its value"}): reading other repositories on a fork's behalf could reveal private files. The inherited settings are checked once the change is on a branch of this repository.`,
        ];
  const result = validateConfig(own, { sourceNames });
  return result.ok ? { status: "ok", config: result.config, notes } : { status: "invalid", problems: result.problems, notes };
}
