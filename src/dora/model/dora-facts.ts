/** What the five keys are computed from: facts as stored, nothing derived. Times are real instants. */

/** A GitHub deployment; only one with a success counts as a deploy. */
export interface DoraDeployment {
  id: number;
  environment: string;
  sha: string;
  createdAt: Date;
  succeededAt: Date | null;
  /** The first `failure`/`error` status after its success. */
  failedAt: Date | null;
}

/** A commit a successful deployment added to its environment (the compare API from the previous one). */
export interface DoraCommit {
  deploymentId: number;
  sha: string;
  committedAt: Date;
}

/** A merged pull request: its commits are one change, which starts at its first commit. */
export interface DoraPull {
  number: number;
  mergeCommitSha: string | null;
  shas: string[];
  firstCommitAt: Date;
}

/** An issue with the incident label, and the deployments its text links (by sha or deployment id). */
export interface DoraIncident {
  number: number;
  url: string;
  createdAt: Date;
  closedAt: Date | null;
  linkedShas: string[];
  linkedDeploymentIds: number[];
}

/** A Kaizen regression confirmed on a deployment, with its improvement issue (closed when the metric recovered). */
export interface DoraRegression {
  deploymentId: number;
  metric: string;
  issueNumber: number | null;
  recoveredAt: Date | null;
}

export interface DoraFacts {
  /** Deployments of the environments measured (the caller picks production ones). */
  deployments: DoraDeployment[];
  commits: DoraCommit[];
  pulls: DoraPull[];
  incidents: DoraIncident[];
  regressions: DoraRegression[];
}
