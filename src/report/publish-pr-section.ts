import type pg from "pg";
import { findPrComment, savePrComment } from "../db/pr-comments.js";
import type { GitHubClient } from "./github-client.js";
import { upsertComment } from "./upsert-comment.js";

export interface PrSection {
  repoId: number;
  owner: string;
  repo: string;
  pullNumber: number;
  /** Which part of the comment this is: `deployment:<environment>` or `benchmarks`. */
  key: string;
  /** The section's rendered Markdown. */
  body: string;
  /** False: only update a comment that already exists (the `comment:` policy holds back a first comment). */
  createIfMissing: boolean;
}

/**
 * Publishes one section of Kaizen's single comment on a pull request. First version: the comment holds only the
 * latest section; sections stored per pull request come next.
 */
export async function publishPrSection(octokit: GitHubClient, pool: pg.Pool, input: PrSection): Promise<void> {
  const marker = "<!-- kaizen:pr -->";
  const known = await findPrComment(pool, input.repoId, input.pullNumber, marker);
  if (!known && !input.createIfMissing) return;
  const { id } = await upsertComment(octokit, {
    owner: input.owner,
    repo: input.repo,
    issueNumber: input.pullNumber,
    marker,
    body: input.body,
    knownCommentId: known?.commentId ?? null,
  });
  await savePrComment(pool, input.repoId, input.pullNumber, marker, id);
}
