import type { ProbotOctokit } from "probot";

/** The authenticated Octokit a Probot handler gets (`context.octokit`, `app.auth(id)`); REST calls are under `.rest`. */
export type GitHubClient = InstanceType<typeof ProbotOctokit>;
