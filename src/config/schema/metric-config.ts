import { z } from "zod";
import { fixHints, ThresholdSetting } from "../config-fields.js";

const QUERY_FIX =
  "Write a query that returns one series, like `histogram_quantile(0.95, sum by (le) (rate(http_request_duration_seconds_bucket{env=\"{{environment}}\"}[5m])))`.";

/** One metric to compare before and after each deployment. */
export const MetricConfig = z
  .strictObject({
    name: z
      .string()
      .trim()
      .min(1)
      .meta({ description: "Name shown in reports; unique within this file." })
      .register(fixHints, { fix: "Give the metric a short name that is unique in this file, like `p95 latency`." }),
    source: z.string().min(1).optional().meta({
      description:
        "Metrics source to query, by the name the Kaizen operator gave it. May be left out when the operator has only one source.",
    }),
    query: z
      .string()
      .min(1)
      .meta({
        description:
          "Query returning one series. May use `{{environment}}`, `{{sha}}`, `{{ref}}` and `{{repo}}`, each inside a double-quoted label value (also after `=~`, regex characters then escaped too), filled in escaped for each deployment.",
      })
      .register(fixHints, { fix: QUERY_FIX }),
    unit: z.string().default("").meta({ description: "Unit shown after values in reports, like `s` or `%`." }),
    kind: z
      .enum(["gauge", "counter"])
      .default("gauge")
      .meta({
        description:
          "`counter` for a cumulative total (like `http_requests_total` queried without `rate()`): Kaizen compares its per-second rate, allowing for resets.",
      }),
    better: z
      .enum(["lower", "higher"])
      .default("lower")
      .meta({ description: "Which direction is an improvement." }),
    threshold: ThresholdSetting.prefault("10%").meta({
      description:
        "Smallest change that matters: a percentage of the baseline like `10%`, or an absolute amount in the metric's unit like `0.05`.",
    }),
    alpha: z
      .number()
      .gt(0)
      .lt(0.5)
      .default(0.01)
      .meta({ description: "Significance level of the statistical test: lower means fewer false alarms but slower detection." }),
    min_samples: z
      .int()
      .min(3)
      .default(10)
      .meta({ description: "Fewer samples than this in either window makes the verdict Inconclusive." }),
  })
  // The TypeScript side speaks camelCase, so a metric is usable as a MetricPolicy as it is.
  .transform(({ min_samples, ...rest }) => ({ ...rest, minSamples: min_samples }));
