import { parse } from "yaml";
import type { GitHubClient } from "../github/github-client.js";

const WORKFLOW_FILE = /^\.github\/workflows\/[^/]+\.ya?ml$/;

/** A workflow's name as GitHub shows it: its `name:`, or its path when it has none (or cannot be read). */
function nameOf(path: string, text: string): string {
  try {
    const workflow: unknown = parse(text);
    const name = (workflow as { name?: unknown } | null)?.name;
    return typeof name === "string" && name.trim() !== "" ? name : path;
  } catch {
    return path;
  }
}

/**
 * The names of the repository's workflows: those GitHub knows (the default branch's, and any that ran), plus
 * the workflow files `changedFiles` adds or edits, read at `ref`, so a pull request that adds the benchmark
 * workflow together with the config naming it passes.
 */
export async function listWorkflowNames(
  octokit: GitHubClient,
  target: { owner: string; repo: string; ref: string; changedFiles: readonly string[] },
): Promise<string[]> {
  const { owner, repo, ref } = target;
  const workflows = await octokit.paginate(octokit.rest.actions.listRepoWorkflows, { owner, repo, per_page: 100 });
  const names = workflows.map((workflow) => workflow.name);
  for (const path of target.changedFiles.filter((file) => WORKFLOW_FILE.test(file))) {
    const { data } = await octokit.rest.repos.getContent({ owner, repo, path, ref, mediaType: { format: "raw" } });
    names.push(nameOf(path, String(data)));
  }
  return names;
}
