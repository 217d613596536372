import type { GitHubClient } from "./github-client.js";
import { findKaizenAuthored } from "./is-kaizen-authored.js";
import { unlessNotFound } from "./unless-not-found.js";

export interface StickyComment {
  owner: string;
  repo: string;
  issueNumber: number;
  /** Hidden marker that identifies the comment (see kaizenMarker); added to the body if it is missing. */
  marker: string;
  body: string;
  /** The comment id stored from an earlier run, which saves paging through the conversation. */
  knownCommentId?: number | null;
}

/**
 * Creates or updates the one comment on an issue or pull request that carries `marker`. The known id is tried
 * first; if that comment was deleted (404), the conversation is searched for the marker in comments Kaizen wrote
 * (a stranger's comment quoting the marker is not Kaizen's to edit), and only then is a new comment created.
 */
export async function upsertComment(
  octokit: GitHubClient,
  comment: StickyComment,
): Promise<{ id: number; created: boolean }> {
  const { owner, repo, issueNumber, marker, knownCommentId } = comment;
  const body = comment.body.includes(marker) ? comment.body : `${marker}\n${comment.body}`;

  if (knownCommentId) {
    const updated = await updateComment(octokit, { owner, repo, commentId: knownCommentId, body });
    if (updated) return { id: knownCommentId, created: false };
  }
  const existingId = await findCommentWithMarker(octokit, { owner, repo, issueNumber, marker });
  if (existingId !== null && (await updateComment(octokit, { owner, repo, commentId: existingId, body }))) {
    return { id: existingId, created: false };
  }
  const { data } = await octokit.rest.issues.createComment({ owner, repo, issue_number: issueNumber, body });
  return { id: data.id, created: true };
}

/** False when the comment no longer exists. */
async function updateComment(
  octokit: GitHubClient,
  { owner, repo, commentId, body }: { owner: string; repo: string; commentId: number; body: string },
): Promise<boolean> {
  const updated = await unlessNotFound(octokit.rest.issues.updateComment({ owner, repo, comment_id: commentId, body }));
  return updated !== null;
}

async function findCommentWithMarker(
  octokit: GitHubClient,
  { owner, repo, issueNumber, marker }: { owner: string; repo: string; issueNumber: number; marker: string },
): Promise<number | null> {
  const pages = octokit.paginate.iterator(octokit.rest.issues.listComments, {
    owner,
    repo,
    issue_number: issueNumber,
    per_page: 100,
  });
  for await (const { data } of pages) {
    const found = await findKaizenAuthored(octokit, data, marker);
    if (found) return found.id;
  }
  return null;
}
