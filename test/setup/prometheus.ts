// Placeholder until the Prometheus source lands: replaced by the real backfilled Prometheus.
export async function setupPrometheus(): Promise<void> {}
export async function teardownPrometheus(): Promise<void> {}
