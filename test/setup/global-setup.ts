import { setupPostgres } from "./postgres.js";
import { setupPrometheus } from "./prometheus.js";

/**
 * Starts the real parts the suite talks to, once per run: a migrated template database (each test
 * file clones its own from it) and a Prometheus serving backfilled series with known step changes.
 * Connection details reach the test workers through environment variables.
 */
export default async function globalSetup(): Promise<void> {
  await Promise.all([setupPostgres(), setupPrometheus()]);
}
