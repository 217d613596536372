import { z } from "zod";
import { duration, fixHints } from "../config-fields.js";

/** One gated environment: deployments to it wait for the same commit's evaluation in `after`. */
export const GateEnvironmentConfig = z.strictObject({
  after: z
    .string()
    .min(1)
    .meta({ description: "The environment whose evaluation of the same commit decides; one of `deployments.environments`." }),
  wait: duration("45m", "How long to wait for that evaluation before rejecting the deployment as not evaluated in time."),
});

const GateMapping = z.strictObject({
  check: z
    .boolean()
    .default(false)
    .meta({ description: "Make the \"Kaizen performance\" check run fail on a regression, so branch protection can block merges." }),
  environments: z
    .record(z.string().min(1), GateEnvironmentConfig)
    .prefault({})
    .meta({
      description:
        "Environments where Kaizen answers GitHub's deployment protection rule, by name: `production: { after: staging, wait: 45m }`.",
    }),
});

/**
 * `gate:` — `true`/`false` as before (the check run fails on a regression), or a mapping that adds the deployment
 * gate. Both read as one shape, so callers never ask which form was written.
 */
export const GateConfig = z
  .union([z.boolean(), GateMapping])
  .register(fixHints, {
    fix: "Write `gate: false`, `gate: true`, or a mapping like `gate: { environments: { production: { after: staging, wait: 45m } } }`.",
  })
  .prefault(false)
  .transform((gate) => (typeof gate === "boolean" ? { check: gate, environments: {} } : gate))
  .meta({
    description:
      "`true` makes the check run fail on a regression (as `gate.check`); a mapping also gates deployments: see [docs/gate.md](docs/gate.md).",
  });

/** The validated `gate:` section. */
export type GateConfig = z.output<typeof GateConfig>;
