import { z } from "zod";
import { BenchmarksConfig } from "./benchmarks-config.js";
import { DeploymentsConfig } from "./deployments-config.js";
import { DoraConfig } from "./dora-config.js";
import { FeedbackConfig } from "./feedback-config.js";
import { DriftConfig } from "./drift-config.js";
import { GateConfig } from "./gate-config.js";
import { IssuesConfig } from "./issues-config.js";
import { MetricConfig } from "./metric-config.js";
import { RadarConfig } from "./radar-config.js";

// Each section's schema lives in its own file; this file is the whole document and the validated types.
/** The repository's `.github/kaizen.yml`: every field is optional, so an empty file means all defaults. */
export const KaizenConfig = z
  .strictObject({
    _extends: z.string().optional().meta({
      description:
        "Inherit from another repository's file: `repo`, `owner/repo` or `owner/repo:path/file.yml`. Top-level keys written here replace the inherited ones.",
    }),
    deployments: DeploymentsConfig.prefault({}).meta({ description: "When and where deployments are evaluated." }),
    metrics: z.array(MetricConfig).prefault([]).meta({ description: "Metrics compared before and after each deployment." }),
    benchmarks: BenchmarksConfig.prefault({}).meta({ description: "CI benchmark results compared on pull requests and pushes." }),
    issues: IssuesConfig.prefault({}).meta({ description: "Improvement issues opened for regressions." }),
    drift: DriftConfig.prefault({}).meta({ description: "Slow creep: small changes over many deploys or commits that add up to more than the threshold." }),
    radar: RadarConfig.optional().meta({
      description: "A tech radar kept from this repository's issues; leave it out for no radar, write `radar: {}` for the defaults.",
    }),
    dora: DoraConfig.prefault({}).meta({ description: "DORA's five keys: which environments are production, which issues are incidents, the weekly digest." }),
    feedback: FeedbackConfig.prefault({}).meta({ description: "Learning from the verdicts people mark as false alarms: suggestions and auto-tuning." }),
    comment: z
      .enum(["always", "on-change", "on-regression"])
      .default("always")
      .meta({
        description:
          "When to post the pull request comment: always, only when a metric regressed or improved, or only on a regression. An existing comment is always kept up to date.",
      }),
    gate: GateConfig,
  })
  .meta({
    title: "Kaizen repository configuration",
    description: "Settings for the Kaizen GitHub App, read from `.github/kaizen.yml` on the default branch.",
  });

/** The validated configuration: durations in milliseconds, thresholds parsed, defaults filled in. */
export type KaizenConfig = z.output<typeof KaizenConfig>;
/** The validated `benchmarks:` section. */
export type BenchmarksConfig = z.output<typeof BenchmarksConfig>;
/** One validated metric; structurally a MetricPolicy plus what is needed to query it. */
export type MetricConfig = z.output<typeof MetricConfig>;
/** The validated `dora:` section. */
export type DoraConfig = z.output<typeof DoraConfig>;
/** The validated `feedback:` section. */
export type FeedbackConfig = z.output<typeof FeedbackConfig>;
/** The validated `radar:` section. */
export type RadarConfig = z.output<typeof RadarConfig>;
