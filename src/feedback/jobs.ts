/** Where a `/kaizen` comment or a `kaizen:false-alarm` label was made, and by whom. */
export interface FeedbackTarget {
  installationId: number;
  repoId: number;
  owner: string;
  repo: string;
  issueNumber: number;
  /** The comment is on a pull request (its conversation), not an issue. */
  isPull: boolean;
  login: string;
  /** When it was made (ISO 8601): the time of the mark. */
  at: string;
}

/** The feedback feature's jobs, with the data each carries. */
export interface FeedbackJobs {
  /** Carry out a `/kaizen` comment: check the author's access, mark, mute or undo, reply once (keyed by the comment id). */
  "feedback-command": FeedbackTarget & { commentId: number; commentUrl: string; body: string };
  /** A `kaizen:false-alarm` label added to or removed from an issue: mark or undo (keyed by the delivery id). */
  "feedback-label": FeedbackTarget & { action: "labeled" | "unlabeled"; deliveryId: string; issueUrl: string };
}
