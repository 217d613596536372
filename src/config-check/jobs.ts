/** The config check's job. */
export interface ConfigCheckJobs {
  /** Check a pull request's `.github/kaizen.yml` and report problems as a check run. */
  "validate-config": { installationId: number; owner: string; repo: string; sha: string; pullNumber: number };
}
