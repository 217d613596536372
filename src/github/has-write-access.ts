import type { GitHubClient } from "./github-client.js";
import { unlessNotFound } from "./unless-not-found.js";

// `permission` folds maintain into write; `role_name` keeps it, and names custom roles by their own name.
const MAY_WRITE = new Set(["admin", "maintain", "write"]);

/** Whether `login` may push to the repository (admin, maintain or write); someone GitHub does not know may not. */
export async function hasWriteAccess(
  octokit: GitHubClient,
  { owner, repo, login }: { owner: string; repo: string; login: string },
): Promise<boolean> {
  const found = await unlessNotFound(octokit.rest.repos.getCollaboratorPermissionLevel({ owner, repo, username: login }));
  return found !== null && (MAY_WRITE.has(found.data.permission) || MAY_WRITE.has(found.data.role_name));
}
