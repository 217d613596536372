/** The repository a DORA job works on, and the installation it acts through. */
export interface DoraRepoJob {
  installationId: number;
  repoId: number;
  owner: string;
  repo: string;
}

/** DORA's jobs, with the data each carries. */
export interface DoraJobs {
  /** Read the commits a successful deployment added (compare with the previous successful one), once. */
  "dora-compare": DoraRepoJob & { deploymentId: number };
  /** Record a merged pull request and its commits (one change). */
  "dora-pull": DoraRepoJob & { number: number; mergeCommitSha: string | null; mergedAt: string };
  /** Backfill deployments, pull requests, incidents and compares from the API (installation, `kaizen dora sync`). */
  "dora-sync": DoraRepoJob;
  /** List an installation's repositories and queue `dora-sync` for each (when its webhook left the list out). */
  "dora-sync-installation": { installationId: number };
  /** Open or update the week's digest issue (`week`: its Monday, `2026-03-02`). */
  "dora-digest": DoraRepoJob & { week: string };
}
