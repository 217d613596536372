import { listPrCommentSections, savePrCommentSection } from "../db/pr-comment-sections.js";
import { deletePrComment, type PrCommentRow } from "../db/pr-comments.js";
import type { Queryable } from "../db/queryable.js";
import type { GitHubClient } from "./github-client.js";
import { unlessNotFound } from "./unless-not-found.js";

const LEGACY_MARKER = /^<!-- kaizen:deployment:(.*) -->$/;

/**
 * Earlier versions wrote one comment per environment, marked `<!-- kaizen:deployment:<env> -->`. Before Kaizen's
 * one comment replaces them, each one's body becomes its environment's section (unless a newer section exists),
 * so no environment's latest verdicts vanish from the pull request. Returns the old comments that still exist,
 * oldest first; the records of deleted ones are dropped.
 */
export async function adoptLegacyComments(
  octokit: GitHubClient,
  db: Queryable,
  input: { repoId: number; owner: string; repo: string; pullNumber: number; legacy: PrCommentRow[] },
): Promise<PrCommentRow[]> {
  const { repoId, owner, repo, pullNumber } = input;
  if (input.legacy.length === 0) return [];
  const keys = new Set((await listPrCommentSections(db, repoId, pullNumber)).map((s) => s.key));
  const existing: PrCommentRow[] = [];
  for (const old of input.legacy) {
    const found = await unlessNotFound(octokit.rest.issues.getComment({ owner, repo, comment_id: old.commentId }));
    if (!found) {
      await deletePrComment(db, repoId, pullNumber, old.marker);
      continue;
    }
    existing.push(old);
    const body = found.data.body ?? "";
    const environment = LEGACY_MARKER.exec(old.marker)?.[1];
    const key = environment === undefined ? null : `deployment:${decodeURIComponent(environment)}`;
    if (key === null || keys.has(key)) continue;
    await savePrCommentSection(db, { repoId, prNumber: pullNumber, key, body: body.replace(old.marker, "").trim() });
  }
  return existing;
}
