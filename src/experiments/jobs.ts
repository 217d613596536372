/** Where a job's repository is, for the jobs of experiments. */
interface RepoRef {
  installationId: number;
  repoId: number;
  owner: string;
  repo: string;
}

/** The experiments' jobs, with the data each carries. */
export interface ExperimentJobs {
  /** Read an `experiment` issue's hypothesis, store it, explain a problem with it once (keyed by the delivery). */
  "sync-experiment": RepoRef & { issueNumber: number; title: string; body: string; labels: string[] };
  /** A merged pull request: link it to the experiments it closes and mention them in its comment. */
  "link-experiment-pull": RepoRef & { pullNumber: number; body: string; mergeSha: string };
  /**
   * A successful deployment: once its evaluation has finished, decide the experiments its commit tested; while the
   * evaluation is pending the job queues its next look (`attempt` + 1).
   */
  "judge-experiments": RepoRef & { repoUrl: string; environment: string; sha: string; githubStatusId: number; attempt: number };
}
