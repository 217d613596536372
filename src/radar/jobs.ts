import type { RadarIssueEvent } from "./radar-issue-event.js";

/** The radar's jobs, with the data each carries. */
export interface RadarJobs {
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
  "open-radar-review": { repoId: number; owner: string; repo: string; period: string };
}
