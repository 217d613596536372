import { createHash } from "node:crypto";
import type { Probot } from "probot";
import type { AppDeps } from "../app-deps.js";
import type { ExperimentJobs } from "./jobs.js";
import { loadRepoConfig } from "../config/load-repo-config.js";
import { closestName } from "../config/closest-name.js";
import { installationClient } from "../github/installation-client.js";
import { kaizenMarker } from "../github/kaizen-marker.js";
import { codeSpan } from "../markdown/markdown.js";
import { upsertComment } from "../github/upsert-comment.js";
import { mentionedIssueNumbers } from "./model/issue-references.js";
import { parseHypothesis, type Hypothesis } from "./model/parse-hypothesis.js";
import { claimProblemExplanation, replaceExperimentMentions, upsertExperiment } from "./store/experiments.js";
import { renderExperimentTemplate } from "./templates.js";

// Keyed by the issue number, so a copied comment in another issue is never taken for this one.
const problemMarker = (issueNumber: number) => kaizenMarker("experiment-problem", String(issueNumber));

/**
 * Reads an experiment issue's hypothesis.
 *
 * 1. config   — `.github/kaizen.yml`; no file or a broken one: nothing (the config check reports those).
 * 2. parse    — the block (model/parse-hypothesis.ts), then the metric and environment checked against the config.
 * 3. db       — the experiment stored as waiting or invalid; the issues it mentions (`#123`) stored for the radar.
 * 4. explain  — a problem gets one comment (updated in place, marker), only when it differs from the last one
 *               explained, so editing an issue without fixing it posts nothing new.
 */
export async function syncExperiment(app: Probot, deps: AppDeps, job: ExperimentJobs["sync-experiment"]): Promise<void> {
  const octokit = await installationClient(app, job.installationId);
  const { owner, repo } = job;
  const loaded = await loadRepoConfig(octokit, { owner, repo }, deps.sources.names());
  if (loaded.status !== "ok") return;
  const { metrics, deployments } = loaded.config;

  const parsed = parseHypothesis(job.body);
  const checked = parsed.ok ? checkHypothesis(parsed.hypothesis, metrics.map((m) => m.name), deployments.environments) : parsed;
  const issue = { repoId: job.repoId, owner, repo, installationId: job.installationId, issueNumber: job.issueNumber, title: job.title };
  const stored = await upsertExperiment(
    deps.pool,
    issue,
    checked.ok
      ? { state: "waiting", metricName: checked.hypothesis.metric, environment: checked.hypothesis.environment, expectation: checked.hypothesis.expectation }
      : { state: "invalid", problem: checked.problem },
  );
  await replaceExperimentMentions(deps.pool, job.repoId, job.issueNumber, mentionedIssueNumbers(job.body, job.issueNumber, { owner, repo }));
  if (checked.ok || stored.state !== "invalid") return;

  const key = createHash("sha1").update(`${checked.problem}\n${checked.fix}`).digest("hex");
  if (!(await claimProblemExplanation(deps.pool, stored.id, key))) return;
  const body = renderExperimentTemplate("experiment-problem", { marker: problemMarker(job.issueNumber), problem: checked.problem, fix: checked.fix });
  await upsertComment(octokit, { owner, repo, issueNumber: job.issueNumber, marker: problemMarker(job.issueNumber), body });
}

type Checked = { ok: true; hypothesis: Hypothesis } | { ok: false; problem: string; fix: string };

/** The metric must be one of kaizen.yml's (the name as written there wins) and the environment one Kaizen evaluates. */
function checkHypothesis(hypothesis: Hypothesis, metricNames: string[], environments: string[]): Checked {
  const metric = metricNames.find((name) => name.toLowerCase() === hypothesis.metric.toLowerCase());
  if (!metric) {
    const guess = closestName(hypothesis.metric, metricNames);
    const known = metricNames.length > 0 ? metricNames.map((n) => codeSpan(n)).join(", ") : "none yet";
    return {
      ok: false,
      problem: `${codeSpan(`metric: ${hypothesis.metric}`)} is not a metric in \`.github/kaizen.yml\`, so no evaluation measures it.`,
      fix: `${guess ? `Did you mean ${codeSpan(guess)}? ` : ""}Use one of the names under \`metrics:\` (${known}), or add the metric there first.`,
    };
  }
  if (!environments.includes(hypothesis.environment)) {
    return {
      ok: false,
      problem: `${codeSpan(`environment: ${hypothesis.environment}`)} is not an environment Kaizen evaluates.`,
      fix: `Use one of \`deployments.environments\` (${environments.map((e) => codeSpan(e)).join(", ")}), or add it there.`,
    };
  }
  return { ok: true, hypothesis: { ...hypothesis, metric } };
}
