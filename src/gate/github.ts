import type { GitHubClient } from "../github/github-client.js";

/**
 * Answers a deployment protection request at the callback URL GitHub sent (`POST …/deployment_protection_rule`),
 * with the installation's token. The caller has checked the URL is the repository's callback on the app's API host.
 */
export async function answerProtectionRule(
  octokit: GitHubClient,
  callbackUrl: string,
  answer: { environment: string; state: "approved" | "rejected"; comment: string },
): Promise<void> {
  await octokit.request({
    method: "POST",
    url: callbackUrl,
    environment_name: answer.environment,
    state: answer.state,
    comment: answer.comment,
  });
}
