import type { GitHubClient } from "./github-client.js";
import type { Verdict } from "../analysis/verdict.js";

export interface CheckRunReport {
  owner: string;
  repo: string;
  sha: string;
  /** The check's name as GitHub shows it, e.g. "Kaizen (production)". */
  name: string;
  /** Identifies this check run among runs of the same name on the commit, so a retry updates instead of adding. */
  externalId: string;
  conclusion: "success" | "failure" | "neutral";
  title: string;
  summary: string;
  text?: string;
}

/**
 * Publishes a completed check run and returns its id. Idempotent: a run on the same commit with the same name
 * and external id is updated in place, so retried jobs and redelivered webhooks never stack up duplicates.
 */
export async function publishCheckRun(octokit: GitHubClient, report: CheckRunReport): Promise<number> {
  const { owner, repo, sha, name, externalId, conclusion, title, summary, text } = report;
  const output = { title, summary, ...(text === undefined ? {} : { text }) };
  const completed_at = new Date().toISOString();

  // filter "all": the default ("latest") hides older runs of the same name, which may be the one we wrote.
  const runs = await octokit.paginate(octokit.rest.checks.listForRef, {
    owner,
    repo,
    ref: sha,
    check_name: name,
    filter: "all",
    per_page: 100,
  });
  const existing = runs.find((run) => run.external_id === externalId);
  if (existing) {
    await octokit.rest.checks.update({
      owner,
      repo,
      check_run_id: existing.id,
      status: "completed",
      conclusion,
      completed_at,
      output,
    });
    return existing.id;
  }
  const { data } = await octokit.rest.checks.create({
    owner,
    repo,
    name,
    head_sha: sha,
    external_id: externalId,
    status: "completed",
    conclusion,
    completed_at,
    output,
  });
  return data.id;
}

/**
 * The check-run conclusion for a set of verdicts. Only a regression under an enabled gate fails the check;
 * otherwise anything inconclusive makes it neutral (we could not tell), and everything else succeeds.
 */
export function checkConclusion(verdicts: readonly Verdict[], gate: boolean): "success" | "failure" | "neutral" {
  if (gate && verdicts.includes("regression")) return "failure";
  if (verdicts.includes("inconclusive")) return "neutral";
  return "success";
}
