import type { AppDeps } from "../app-deps.js";
import type { GitHubClient } from "../github/github-client.js";
import { findOrOpenIssue } from "../github/issues.js";
import { kaizenMarker } from "../github/kaizen-marker.js";
import type { DoraJobs } from "./jobs.js";
import { loadDoraConfig } from "./load-dora-config.js";
import { loadDoraReport } from "./load-dora-report.js";
import type { DoraReport } from "./model/compute-dora.js";
import { getDoraDigest, recordDoraDigest } from "./store/dora-digests.js";
import { dashboardUrl } from "../markdown/dashboard-url.js";
import { renderDoraTemplate, type DoraDigestContext } from "./templates.js";

const WEEK = 7 * 86_400_000;

/**
 * The week's digest issue, opened once per week (`dora.digest: true`) and updated in place after each production
 * deploy of that week.
 *
 * 1. config — no file, or `dora.digest` off → nothing.
 * 2. keys   — the week's report from the database.
 * 3. issue  — the stored issue of the week is updated; else the open issue with the week's marker (a retry after
 *             GitHub created it), else a new one; its number stored.
 */
export async function openDoraDigest(octokit: GitHubClient, deps: Pick<AppDeps, "pool" | "sources" | "publicUrl">, job: DoraJobs["dora-digest"]): Promise<void> {
  const config = await loadDoraConfig(octokit, deps, job);
  if (!config?.digest) return;
  const from = new Date(`${job.week}T00:00:00Z`);
  const report = await loadDoraReport(deps, job.repoId, config, { environment: null, from, to: new Date(from.getTime() + WEEK) });
  const marker = kaizenMarker("dora-digest", job.week);
  const dashboard = dashboardUrl(deps.publicUrl, job, "dora");
  const body = renderDoraTemplate("dora-digest", { ...digestContext(marker, `${job.owner}/${job.repo}`, job.week, report), dashboard });
  const title = `DORA digest: week of ${job.week}`;
  const known = await getDoraDigest(deps.pool, job.repoId, job.week);
  if (known !== null) {
    await octokit.rest.issues.update({ owner: job.owner, repo: job.repo, issue_number: known, body });
    return;
  }
  const issue = await findOrOpenIssue(octokit, { owner: job.owner, repo: job.repo, marker, title, body, labels: ["dora"] });
  await octokit.rest.issues.update({ owner: job.owner, repo: job.repo, issue_number: issue.number, body });
  await recordDoraDigest(deps.pool, job.repoId, job.week, issue.number);
}

function digestContext(marker: string, repo: string, week: string, report: DoraReport & { environments: string[] }): Omit<DoraDigestContext, "dashboard"> {
  const s = report.summary;
  const hours = (value: number | null) => (value === null ? "—" : `${Math.round(value * 10) / 10} h`);
  const rate = (value: number | null) => (value === null ? "—" : `${Math.round(value * 1000) / 10}%`);
  const band = (b: DoraReport["bands"][keyof DoraReport["bands"]]) => (b ? ` — ${b.range} (${b.report})` : "");
  return {
    marker,
    repo,
    environments: report.environments.join(", ") || "no production deploys",
    week,
    keys: [
      { name: "Deployment frequency", value: `${s.deploys} deploys on ${s.deploymentDays} days${band(report.bands.deploymentFrequency)}`, rule: report.rules["deployment-frequency"] },
      { name: "Change lead time", value: `median ${hours(s.leadTimeMedianHours)}, p90 ${hours(s.leadTimeP90Hours)} over ${s.changes} changes${band(report.bands.changeLeadTime)}`, rule: report.rules["change-lead-time"] },
      { name: "Change fail rate", value: `${rate(s.changeFailRate)} (${s.failedDeploys} of ${s.deploys})${band(report.bands.changeFailRate)}`, rule: report.rules["change-fail-rate"] },
      { name: "Failed deployment recovery time", value: `median ${hours(s.recoveryMedianHours)}, ${s.unrecovered} not recovered${band(report.bands.recoveryTime)}`, rule: report.rules["failed-deployment-recovery-time"] },
      { name: "Deployment rework rate", value: `${rate(s.reworkRate)} (${s.reworkDeploys} of ${s.deploys})`, rule: report.rules["deployment-rework-rate"] },
    ],
    failed: report.failedDeploys.map((f) => ({
      id: f.deploymentId,
      sha: f.sha.slice(0, 7),
      why: f.causes.map((c) => `${c.rule}: ${c.evidence}`).join("; "),
      recovered: f.recoveredAt ? f.recoveredAt.toISOString() : "not yet",
    })),
    bandsNote: report.bandsNote,
  };
}
