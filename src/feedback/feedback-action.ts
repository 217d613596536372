import type pg from "pg";
import type { KaizenConfig } from "../config/schema/kaizen-config.js";
import type { GitHubClient } from "../github/github-client.js";
import type { FeedbackTarget } from "./jobs.js";

/** What every feedback step gets: where and by whom, the repository's config, and the key its records carry. */
export interface FeedbackAction {
  octokit: GitHubClient;
  pool: pg.Pool;
  config: KaizenConfig;
  target: FeedbackTarget;
  /** `comment:<id>` or `label:<delivery>`: what makes a retry find the records of its first attempt. */
  key: string;
  /** The comment or issue the records link to. */
  link: string;
  source: "command" | "label";
}
