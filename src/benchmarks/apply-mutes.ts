import { findMute, type ActiveMute } from "../db/verdict-feedback.js";
import type { BenchmarkReport } from "./report-context.js";

/**
 * The report with the mutes in force: each listed, and each benchmark muted by its name (`BenchmarkParse-8`) or
 * its name with the measure (`BenchmarkParse-8 (ns/op)`) marked, so its regression is shown but alerts nobody.
 */
export function applyMutes(report: BenchmarkReport, mutes: readonly ActiveMute[]): BenchmarkReport {
  return {
    ...report,
    mutes: mutes.map(({ subject, until, actor, reason }) => ({ subject, until, actor, reason })),
    benchmarks: report.benchmarks.map((b) => {
      const mute = findMute(mutes, b.name) ?? findMute(mutes, b.benchmark);
      return { ...b, feedback: { mute: mute ? { until: mute.until, actor: mute.actor, reason: mute.reason } : null } };
    }),
  };
}

/** The report's benchmarks whose regression is an alert (for the gate and the issues). */
export function alertingBenchmarks(report: BenchmarkReport): BenchmarkReport {
  return { ...report, benchmarks: report.benchmarks.filter((b) => !(b.feedback?.mute && b.result.verdict === "regression")) };
}
