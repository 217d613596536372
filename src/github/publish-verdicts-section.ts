import type pg from "pg";
import type { Verdict } from "../analysis/verdict.js";
import type { KaizenConfig } from "../config/schema/kaizen-config.js";
import type { GitHubClient } from "./github-client.js";
import { isWorthCommenting } from "./is-worth-commenting.js";
import { publishPrSection } from "./publish-pr-section.js";

/** A feature's verdicts as a section of Kaizen's comment: which pull requests it goes on, and what it says. */
export interface VerdictsSection {
  /** `deployment:<environment>` or `benchmarks`. */
  key: string;
  pullNumbers: readonly number[];
  verdicts: readonly Verdict[];
  /** The rendered section. */
  body: string;
}

/**
 * Publishes a feature's verdicts section on each of its pull requests. The `comment:` policy (`on-change`,
 * `on-regression`) holds back a *first* comment when the verdicts say nothing worth one, but an existing comment is
 * always updated, so it never shows stale verdicts.
 */
export async function publishVerdictsSection(
  octokit: GitHubClient,
  pool: pg.Pool,
  target: { repoId: number; repo: { owner: string; repo: string }; policy: KaizenConfig["comment"] },
  section: VerdictsSection,
): Promise<void> {
  const createIfMissing = isWorthCommenting(section.verdicts, target.policy);
  for (const pullNumber of section.pullNumbers) {
    await publishPrSection(octokit, pool, { repoId: target.repoId, ...target.repo, pullNumber, key: section.key, body: section.body, createIfMissing });
  }
}
