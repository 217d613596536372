/** The deployment feature's jobs, with the data each carries. */
export interface DeploymentJobs {
  /** Read the repo's config and decide whether and when a deployment is evaluated. */
  "plan-evaluation": { evaluationId: number };
  /** Measure, judge and report a deployment once its candidate window has closed. */
  "evaluate-deployment": { evaluationId: number };
  /** Once the window after the candidate has closed, open the issues for the regressions it confirms. */
  "confirm-regressions": { evaluationId: number };
  /** The daily tick (`day`: the UTC date it is for): queue a drift check for every recently evaluated environment. */
  "drift-checks-due": { day: string };
  /** One repository and environment's drift check; `evaluationId`: its newest evaluation when queued. */
  "check-drift": { repoId: number; owner: string; repo: string; installationId: number; environment: string; evaluationId: number };
}
