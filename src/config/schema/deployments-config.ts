import { z } from "zod";
import { duration } from "../config-fields.js";

/** When and where deployments are evaluated. */
export const DeploymentsConfig = z.strictObject({
  environments: z
    .array(z.string().min(1))
    .min(1)
    .prefault(["production"])
    .meta({ description: "Deployment environments to evaluate; deployments to any other environment are ignored." }),
  soak: duration("10m", "How long to wait after a successful deployment before measuring it."),
  window: duration("30m", "Length of the before and after windows that are compared."),
  step: duration("30s", "Resolution of the samples queried within each window."),
  baseline: z
    .enum(["previous-window", "same-window-yesterday", "same-window-last-week"])
    .default("previous-window")
    .meta({
      description:
        "What the after window is compared with: the window just before the deployment, or the same hours one day or one week earlier (for metrics with a daily or weekly rhythm).",
    }),
  noise_windows: z
    .int()
    .min(0)
    .max(24)
    .default(6)
    .meta({
      description:
        "How many earlier quiet window pairs are measured to estimate each metric's own noise, shown in reports and used to ignore moves that size; 0 turns the estimate off.",
    }),
});
