import { deletePrComment, type PrCommentRow } from "../db/pr-comments.js";
import type { Queryable } from "../db/queryable.js";
import type { GitHubClient } from "./github-client.js";
import { unlessNotFound } from "./unless-not-found.js";

/**
 * Once Kaizen's one comment on a pull request holds what the earlier versions' per-environment comments said
 * (adoptLegacyComments), those are deleted and forgotten; the one reused as Kaizen's comment is only forgotten.
 */
export async function retireLegacyComments(
  octokit: GitHubClient,
  db: Queryable,
  input: { repoId: number; owner: string; repo: string; pullNumber: number; keep: number; legacy: PrCommentRow[] },
): Promise<void> {
  const { repoId, owner, repo, pullNumber } = input;
  for (const old of input.legacy) {
    // Someone may have deleted it already (404): the goal is reached either way.
    if (old.commentId !== input.keep) {
      await unlessNotFound(octokit.rest.issues.deleteComment({ owner, repo, comment_id: old.commentId }));
    }
    await deletePrComment(db, repoId, pullNumber, old.marker);
  }
}
