import { teardownPostgres } from "./postgres.js";
import { teardownPrometheus } from "./prometheus.js";

export default async function globalTeardown(): Promise<void> {
  await Promise.all([teardownPostgres(), teardownPrometheus()]);
}
