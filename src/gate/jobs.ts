/** The deployment gate's jobs, with the data each carries. */
export interface GateJobs {
  /**
   * Decide a deployment protection request and answer GitHub once; while the `after` environment's evaluation is
   * pending, the job queues its next look (`attempt` + 1) until the gate's `wait` runs out.
   */
  "decide-gate": { requestId: number; attempt: number };
}
