/**
 * The reference for `npm run bench`: a bare Probot app (no database, no work) answering the same signed
 * deployment_status deliveries, started with the same environment as Kaizen, so the bench can print Kaizen's
 * intake next to what Probot alone costs on this machine in the same run.
 */
import { run } from "probot";

await run((app) => {
  app.on("deployment_status.created", async () => undefined);
});
