import type { RadarIssueEvent } from "./radar/radar-issue-event.js";

/** Every job Kaizen queues, named after what it does, with the data it carries. */
export interface JobData {
  /** Read the repo's config and decide whether and when a deployment is evaluated. */
  "plan-evaluation": { evaluationId: number };
  /** Measure, judge and report a deployment once its candidate window has closed. */
  "evaluate-deployment": { evaluationId: number };
  /** Once the window after the candidate has closed, open the issues for the regressions it confirms. */
  "confirm-regressions": { evaluationId: number };
  /** Check a pull request's `.github/kaizen.yml` and report problems as a check run. */
  "validate-config": { installationId: number; owner: string; repo: string; sha: string; pullNumber: number };
  /** Download a finished workflow run's benchmark artifact and store the results it holds (`runId`: benchmark_runs.id). */
  "ingest-benchmarks": { runId: number };
  /** Compare an ingested run's results with its baseline and report them (`runId`: benchmark_runs.id). */
  "compare-benchmarks": { runId: number };
  /** Sync the radar (or trend) item of an issue with one `issues` webhook (keyed by the delivery id). */
  "sync-radar-item": RadarIssueEvent;
  /** Import a repository's existing radar and trend issues as items, announcing nothing (after installation, or on demand). */
  "import-radar": { installationId: number; repoId: number; owner: string; repo: string };
  /** Carry out a `/radar` comment on an issue: check the author's access, move the item or reply why not, once per comment. */
  "radar-command": {
    installationId: number;
    repoId: number;
    owner: string;
    repo: string;
    issueNumber: number;
    /** The issue's label names when the comment was made. */
    labels: string[];
    commentId: number;
    commentUrl: string;
    body: string;
    login: string;
    /** When the comment was made (ISO 8601): the time of the move. */
    at: string;
  };
  /** The hourly check for radar reviews whose scheduled time has come; each tick queues the next (`hour`: its key). */
  "radar-reviews-due": { hour: string };
  /** Open a radar's review issue for a scheduled period (ISO time of the schedule's occurrence), once. */
  "open-radar-review": { owner: string; repo: string; period: string };
}

export type JobName = keyof JobData;

/** The queues to create at start-up (pg-boss needs a queue before anything is sent to or worked from it). */
export const JOB_NAMES: readonly JobName[] = [
  "plan-evaluation",
  "evaluate-deployment",
  "confirm-regressions",
  "validate-config",
  "ingest-benchmarks",
  "compare-benchmarks",
  "sync-radar-item",
  "import-radar",
  "radar-command",
  "radar-reviews-due",
  "open-radar-review",
];
