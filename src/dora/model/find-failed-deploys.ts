import type { DoraDeployment, DoraFacts, DoraIncident } from "./dora-facts.js";
import type { FailureRule } from "./dora-rules.js";

/** A successful deploy, as the keys see it: its time is its first success. */
export type Deploy = DoraDeployment & { succeededAt: Date };

/** One reason a deploy failed, with what shows it and when that failure was recovered from (null: not yet). */
export interface FailureCause {
  rule: FailureRule;
  /** What a team can look up: the metric and issue, the incident, the status, the rollback deploy. */
  evidence: string;
  recoveredAt: Date | null;
}

/** A failed deploy; recovered once every cause is (at the latest cause's recovery). */
export interface FailedDeploy {
  deploy: Deploy;
  causes: FailureCause[];
  recoveredAt: Date | null;
}

/**
 * Successful deploys in the order they went live (ties by deployment id), then every deploy that failed by one of
 * the failure rules (dora-rules.ts), in that same order.
 */
export function findFailedDeploys(facts: DoraFacts): { deploys: Deploy[]; failed: FailedDeploy[] } {
  const deploys = facts.deployments
    .filter((d): d is Deploy => d.succeededAt !== null)
    .sort((a, b) => a.succeededAt.getTime() - b.succeededAt.getTime() || a.id - b.id);
  const causes = new Map<number, FailureCause[]>();
  const add = (deploy: Deploy | undefined, cause: FailureCause) => {
    if (deploy) causes.set(deploy.id, [...(causes.get(deploy.id) ?? []), cause]);
  };
  const byId = new Map(deploys.map((d) => [d.id, d]));
  /** The first successful deploy at or after `at`: the one that fixed what was live. */
  const nextAfter = (at: Date) => deploys.find((d) => d.succeededAt.getTime() >= at.getTime()) ?? null;

  for (const regression of facts.regressions) {
    const issue = regression.issueNumber === null ? "" : ` (issue #${regression.issueNumber})`;
    add(byId.get(regression.deploymentId), { rule: "confirmed-regression", evidence: `${regression.metric}${issue}`, recoveredAt: regression.recoveredAt });
  }
  for (const incident of facts.incidents) {
    const linked = linkedDeploy(deploys, incident);
    if (linked) add(linked, { rule: "incident-link", evidence: `incident #${incident.number}`, recoveredAt: incident.closedAt });
    else if (incident.linkedShas.length === 0 && incident.linkedDeploymentIds.length === 0) {
      const before = deploys.filter((d) => d.succeededAt.getTime() <= incident.createdAt.getTime()).at(-1);
      add(before, { rule: "incident-after-deploy", evidence: `incident #${incident.number}`, recoveredAt: incident.closedAt });
    }
  }
  for (const deploy of deploys) {
    if (!deploy.failedAt) continue;
    const fix = nextAfter(deploy.failedAt);
    const evidence = `failure status at ${deploy.failedAt.toISOString()}${fix ? `; fixed by deployment ${fix.id}` : ""}`;
    add(deploy, { rule: "failed-after-success", evidence, recoveredAt: fix?.succeededAt ?? null });
  }
  // The shas of the deploys before the previous one, kept as the loop goes: a year of hourly deploys stays linear.
  const olderShas = new Set<string>();
  deploys.forEach((deploy, i) => {
    if (i >= 2) olderShas.add(deploys[i - 2]!.sha);
    const previous = deploys[i - 1];
    if (!previous || deploy.sha === previous.sha) return;
    if (olderShas.has(deploy.sha)) add(previous, { rule: "rollback", evidence: `rolled back by deployment ${deploy.id} (${deploy.sha.slice(0, 7)})`, recoveredAt: deploy.succeededAt });
  });

  const failed = deploys.flatMap((deploy): FailedDeploy[] => {
    const list = causes.get(deploy.id);
    if (!list) return [];
    const open = list.some((cause) => cause.recoveredAt === null);
    const recoveredAt = open ? null : new Date(Math.max(...list.map((cause) => cause.recoveredAt!.getTime())));
    return [{ deploy, causes: list, recoveredAt }];
  });
  return { deploys, failed };
}

/**
 * The deploy an incident links: by deployment id, else the first deploy of a sha it names (a sha of 7 or more hex
 * digits, compared as a prefix). Null when it links none of the measured deploys.
 */
function linkedDeploy(deploys: Deploy[], incident: DoraIncident): Deploy | null {
  const byId = deploys.find((d) => incident.linkedDeploymentIds.includes(d.id));
  if (byId) return byId;
  return deploys.find((d) => incident.linkedShas.some((sha) => d.sha.startsWith(sha.toLowerCase()))) ?? null;
}
