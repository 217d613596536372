import type { BenchmarkJobs } from "./benchmarks/jobs.js";
import type { ConfigCheckJobs } from "./config-check/jobs.js";
import type { DeploymentJobs } from "./deployments/jobs.js";
import type { DoraJobs } from "./dora/jobs.js";
import type { ExperimentJobs } from "./experiments/jobs.js";
import type { FeedbackJobs } from "./feedback/jobs.js";
import type { GateJobs } from "./gate/jobs.js";
import type { RadarJobs } from "./radar/jobs.js";

/** The app's own jobs, beside the features'. */
export interface CoreJobs {
  /** Queue the job of any work stored without one (a crash between storing and queuing); each run queues the next. */
  "sweep-stored-work": { slot: string };
  /** Ask GitHub to redeliver the webhook deliveries Kaizen failed to take; each run queues the next. */
  "recover-deliveries": { slot: string };
  /** Delete what Kaizen no longer keeps (removed repositories past KAIZEN_RETENTION, skipped runs, old jobs). */
  "prune-data": { slot: string };
}

/** Every job Kaizen queues, named after what it does, with the data it carries: each feature lists its own. */
export type JobData = CoreJobs & DeploymentJobs & BenchmarkJobs & ConfigCheckJobs & RadarJobs & DoraJobs & ExperimentJobs & GateJobs & FeedbackJobs;

export type JobName = keyof JobData;

/** The queues to create at start-up; `satisfies` keeps the list complete when a feature adds a job. */
export const JOB_NAMES = [
  "plan-evaluation",
  "evaluate-deployment",
  "confirm-regressions",
  "drift-checks-due",
  "check-drift",
  "validate-config",
  "ingest-benchmarks",
  "compare-benchmarks",
  "sync-radar-item",
  "import-radar",
  "radar-command",
  "radar-reviews-due",
  "open-radar-review",
  "dora-compare",
  "dora-pull",
  "dora-sync",
  "dora-sync-installation",
  "dora-digest",
  "sync-experiment",
  "link-experiment-pull",
  "judge-experiments",
  "decide-gate",
  "feedback-command",
  "feedback-label",
  "sweep-stored-work",
  "recover-deliveries",
  "prune-data",
] as const satisfies readonly JobName[];
