import { z } from "zod";

/** What Kaizen does with the verdicts people mark as false alarms (see docs/feedback.md). */
export const FeedbackConfig = z.strictObject({
  auto_tune: z
    .boolean()
    .default(false)
    .meta({
      description:
        "Raise a metric's threshold by itself once `tune_after` of its verdicts are marked false alarms: just above the largest marked move, at most `max_raise` times the configured threshold. Every later verdict says so.",
    }),
  suggest_after: z
    .int()
    .min(1)
    .default(2)
    .meta({ description: "Marked false alarms after which a metric's next alert carries a suggestion: a higher threshold, more noise windows, the seasonal baseline or `kind: counter`, whichever the marks support." }),
  tune_after: z
    .int()
    .min(1)
    .default(3)
    .meta({ description: "Marked false alarms after which `auto_tune` raises the metric's threshold." }),
  max_raise: z
    .number()
    .gt(1)
    .max(100)
    .default(5)
    .meta({ description: "The most `auto_tune` may raise a threshold, as a multiple of the configured one (5 turns 10% into at most 50%)." }),
});
