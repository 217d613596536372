import type { DoraFacts } from "./dora-facts.js";
import { DORA_RULES, FAILURE_RULES, type FailureRule } from "./dora-rules.js";
import { findFailedDeploys, type Deploy, type FailedDeploy } from "./find-failed-deploys.js";
import { findChanges, type DeployedChange } from "./find-changes.js";
import { hoursBetween, isoDay, median, nearestRank, ratio, weeksBetween } from "./dora-stats.js";
import { BANDS_NOTE, failRateBand, frequencyBand, leadTimeBand, recoveryBand, type DoraBand } from "./dora-bands.js";

/** The five keys over a set of deploys (a week, or the whole period). */
export interface DoraFigures {
  deploys: number;
  deploymentDays: number;
  changes: number;
  leadTimeMedianHours: number | null;
  leadTimeP90Hours: number | null;
  failedDeploys: number;
  changeFailRate: number | null;
  recovered: number;
  unrecovered: number;
  recoveryMedianHours: number | null;
  reworkDeploys: number;
  reworkRate: number | null;
}

export interface DoraWeek extends DoraFigures {
  /** The week's Monday (UTC), `2026-03-02`. */
  week: string;
}

export interface DoraReport {
  from: Date;
  to: Date;
  interval: "week";
  summary: DoraFigures & { weeks: number; deploysPerWeek: number | null; deploymentDaysPerWeek: number | null };
  bands: { deploymentFrequency: DoraBand | null; changeLeadTime: DoraBand | null; changeFailRate: DoraBand | null; recoveryTime: DoraBand | null };
  bandsNote: string;
  rules: typeof DORA_RULES;
  weeks: DoraWeek[];
  /** Every figure's evidence: the changes and their lead times, the failed deploys and why, the rework deploys. */
  changes: DeployedChange[];
  failedDeploys: Array<{ deploymentId: number; sha: string; succeededAt: Date; recoveredAt: Date | null; recoveryHours: number | null; causes: Array<{ rule: FailureRule; why: string; evidence: string; recoveredAt: Date | null }> }>;
  reworkDeploys: Array<{ deploymentId: number; sha: string; succeededAt: Date; fixing: number }>;
}

/**
 * DORA's five keys for the deploys that went live in [from, to), per week and over the period. Failures are found
 * over the whole history (an incident may blame a deploy before the period), then counted in the week their deploy
 * went live; a rework deploy is counted in its own week.
 */
export function computeDora(facts: DoraFacts, { from, to }: { from: Date; to: Date }): DoraReport {
  const { deploys, failed } = findFailedDeploys(facts);
  const changes = findChanges(facts, deploys);
  const rework = findRework(deploys, failed);
  const inRange = (at: Date, start: Date, end: Date) => at >= start && at < end;
  const figures = (start: Date, end: Date): DoraFigures =>
    figuresOf(
      deploys.filter((d) => inRange(d.succeededAt, start, end)),
      changes.filter((c) => inRange(c.deployedAt, start, end)),
      failed.filter((f) => inRange(f.deploy.succeededAt, start, end)),
      rework.filter((r) => inRange(r.deploy.succeededAt, start, end)),
    );
  const weekStarts = weeksBetween(from, to);
  const weeks = weekStarts.map((start) => ({ week: isoDay(start), ...figures(start < from ? from : start, minDate(new Date(start.getTime() + 7 * 86_400_000), to)) }));
  const total = figures(from, to);
  const spanWeeks = (to.getTime() - from.getTime()) / (7 * 86_400_000);
  const summary = {
    ...total,
    weeks: spanWeeks,
    deploysPerWeek: spanWeeks > 0 ? total.deploys / spanWeeks : null,
    deploymentDaysPerWeek: spanWeeks > 0 ? total.deploymentDays / spanWeeks : null,
  };
  const inPeriod = <T extends { deploy: Deploy }>(list: T[]) => list.filter((x) => inRange(x.deploy.succeededAt, from, to));
  return {
    from,
    to,
    interval: "week",
    summary,
    bands: {
      deploymentFrequency: frequencyBand(summary.deploysPerWeek),
      changeLeadTime: leadTimeBand(total.leadTimeMedianHours),
      changeFailRate: failRateBand(total.changeFailRate),
      recoveryTime: recoveryBand(total.recoveryMedianHours),
    },
    bandsNote: BANDS_NOTE,
    rules: DORA_RULES,
    weeks,
    changes: changes.filter((c) => inRange(c.deployedAt, from, to)),
    failedDeploys: inPeriod(failed).map(({ deploy, causes, recoveredAt }) => ({
      deploymentId: deploy.id,
      sha: deploy.sha,
      succeededAt: deploy.succeededAt,
      recoveredAt,
      recoveryHours: recoveredAt ? hoursBetween(deploy.succeededAt, recoveredAt) : null,
      causes: causes.map((cause) => ({ ...cause, why: FAILURE_RULES[cause.rule] })),
    })),
    reworkDeploys: inPeriod(rework).map(({ deploy, fixing }) => ({ deploymentId: deploy.id, sha: deploy.sha, succeededAt: deploy.succeededAt, fixing })),
  };
}

/**
 * Rework deploys: a deploy that went live after a failed deploy and no later than that failure's recovery (or
 * while it is still open) was made to fix it — unplanned. `fixing` names the failed deploy.
 */
function findRework(deploys: Deploy[], failed: FailedDeploy[]): Array<{ deploy: Deploy; fixing: number }> {
  return deploys.flatMap((deploy) => {
    const at = deploy.succeededAt.getTime();
    const fixes = failed.find(
      (f) => f.deploy.id !== deploy.id && f.deploy.succeededAt.getTime() < at && (f.recoveredAt === null || at <= f.recoveredAt.getTime()),
    );
    return fixes ? [{ deploy, fixing: fixes.deploy.id }] : [];
  });
}

function figuresOf(deploys: Deploy[], changes: DeployedChange[], failed: FailedDeploy[], rework: Array<{ deploy: Deploy }>): DoraFigures {
  const leadTimes = changes.map((c) => c.leadTimeHours);
  const recoveries = failed.flatMap((f) => (f.recoveredAt ? [hoursBetween(f.deploy.succeededAt, f.recoveredAt)] : []));
  return {
    deploys: deploys.length,
    deploymentDays: new Set(deploys.map((d) => isoDay(d.succeededAt))).size,
    changes: changes.length,
    leadTimeMedianHours: median(leadTimes),
    leadTimeP90Hours: nearestRank(leadTimes, 90),
    failedDeploys: failed.length,
    changeFailRate: ratio(failed.length, deploys.length),
    recovered: recoveries.length,
    unrecovered: failed.length - recoveries.length,
    recoveryMedianHours: median(recoveries),
    reworkDeploys: rework.length,
    reworkRate: ratio(rework.length, deploys.length),
  };
}

function minDate(a: Date, b: Date): Date {
  return a < b ? a : b;
}
