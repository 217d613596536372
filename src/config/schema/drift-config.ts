import { z } from "zod";
import { duration, ThresholdSetting } from "../config-fields.js";

/** Slow creep: many deploys (or commits) that each change a metric by less than its threshold, adding up to more. */
export const DriftConfig = z.strictObject({
  enabled: z
    .boolean()
    .default(true)
    .meta({
      description:
        "After each evaluated deploy (and daily), look for a metric whose level has crept beyond the threshold over many deploys, each under it, and keep one drift issue per metric and environment (per benchmark on the default branch) until the level returns.",
    }),
  window: duration("14d", "How far back the drift check looks: the deploys (or default-branch benchmark runs) within this time."),
  threshold: ThresholdSetting.optional().meta({
    description:
      "Cumulative change that counts as a drift: a percentage like `10%` or an absolute amount in the metric's unit. Left out: each metric's (or benchmark's) own threshold.",
  }),
});
