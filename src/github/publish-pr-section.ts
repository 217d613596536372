import type pg from "pg";
import { listPrCommentSections, savePrCommentSection, type PrCommentSectionRow } from "../db/pr-comment-sections.js";
import { listPrComments, savePrComment } from "../db/pr-comments.js";
import { withAdvisoryLock } from "../db/with-advisory-lock.js";
import { adoptLegacyComments } from "./adopt-legacy-comments.js";
import type { GitHubClient } from "./github-client.js";
import { kaizenMarker } from "./kaizen-marker.js";
import { templateRenderer } from "../markdown/render-template.js";
import { retireLegacyComments } from "./retire-legacy-comments.js";
import { GITHUB_BODY_LIMIT, truncateBody } from "../markdown/truncate-body.js";
import { upsertComment } from "./upsert-comment.js";

export interface PrSection {
  repoId: number;
  owner: string;
  repo: string;
  pullNumber: number;
  /** Which part of the comment this is: `deployment:<environment>` or `benchmarks`. */
  key: string;
  /** The section's rendered Markdown, starting with a `###` heading (the comment's own header is `##`). */
  body: string;
  /** False: only update a comment that already exists (the `comment:` policy holds back a first comment). */
  createIfMissing: boolean;
}

/** The whole comment (templates/github/pr-comment.md.hbs): its marker and the sections (no trailing newline) in order. */
export interface PrCommentBodyContext {
  marker: string;
  sections: Array<{ key: string; body: string }>;
}

const MARKER = kaizenMarker("pr");

const renderPrComment = templateRenderer<{ "pr-comment": PrCommentBodyContext }>("github");

/** What the wrapper's marker, header and separators may take of GitHub's limit; the sections share the rest. */
const WRAPPER_ROOM = 500;

/**
 * Publishes one section of Kaizen's single comment on a pull request and re-renders the comment with every
 * section stored for it, so updating the deployment section keeps the benchmarks one and vice versa.
 *
 * 1. Under a lock per (repository, pull request), so two sections published at once cannot both miss the
 *    comment and create one each, nor overwrite each other's section. The queries run on the connection holding
 *    the lock: a deployment's report step already holds one for its own lock.
 * 2. Store the section: it survives restarts, and one held back by `createIfMissing: false` appears once the
 *    comment is created.
 * 3. Find the comment: the recorded `<!-- kaizen:pr -->` one, else the oldest of an earlier version's
 *    per-environment comments, whose bodies first become their environments' sections (adoptLegacyComments).
 *    None and `createIfMissing: false`: stop.
 * 4. Upsert it (upsertComment finds it by its marker if the recorded id is gone) and record its id.
 * 5. Delete the other old comments and forget them all: the one comment now says what they said.
 */
export async function publishPrSection(octokit: GitHubClient, pool: pg.Pool, input: PrSection): Promise<void> {
  const { repoId, owner, repo, pullNumber } = input;
  await withAdvisoryLock(pool, `kaizen-pr-comment:${repoId}:${pullNumber}`, async (db) => {
    // Rendered templates end in a newline; the wrapper puts its own between sections.
    const body = input.body.trimEnd();
    await savePrCommentSection(db, { repoId, prNumber: pullNumber, key: input.key, body });

    const recorded = await listPrComments(db, repoId, pullNumber);
    // Every other marker in pr_comments is an earlier version's per-environment comment.
    const current = recorded.find((c) => c.marker === MARKER);
    const legacy = current
      ? recorded.filter((c) => c !== current)
      : await adoptLegacyComments(octokit, db, { repoId, owner, repo, pullNumber, legacy: recorded });
    const known = current ?? legacy[0];
    if (!known && !input.createIfMissing) return;

    const sections = fitToLimit(inCommentOrder(await listPrCommentSections(db, repoId, pullNumber)));
    const { id } = await upsertComment(octokit, {
      owner,
      repo,
      issueNumber: pullNumber,
      marker: MARKER,
      body: renderPrComment("pr-comment", { marker: MARKER, sections }),
      knownCommentId: known?.commentId ?? null,
    });
    await savePrComment(db, repoId, pullNumber, MARKER, id);
    await retireLegacyComments(octokit, db, { repoId, owner, repo, pullNumber, keep: id, legacy });
  });
}

/** Deployments by environment name, then benchmarks, then anything else by key: stable across updates. */
function inCommentOrder(sections: PrCommentSectionRow[]): PrCommentSectionRow[] {
  const rank = (key: string) => (key.startsWith("deployment:") ? 0 : key === "benchmarks" ? 1 : 2);
  return [...sections].sort((a, b) => rank(a.key) - rank(b.key) || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

/** Each section gets an equal share of GitHub's limit when together they exceed it, so none is cut off whole. */
function fitToLimit(sections: PrCommentSectionRow[]): Array<{ key: string; body: string }> {
  const room = GITHUB_BODY_LIMIT - WRAPPER_ROOM;
  const total = sections.reduce((sum, s) => sum + s.body.length, 0);
  const share = Math.floor(room / Math.max(1, sections.length));
  return sections.map(({ key, body }) => ({ key, body: total <= room ? body : truncateBody(body, share) }));
}
