import { z } from "zod";
import { fixHints, ThresholdSetting } from "../config-fields.js";

/** A setting for the benchmarks whose name matches, overriding what the result format says. */
export const BenchmarkOverride = z.strictObject({
  name: z
    .string()
    .min(1)
    .meta({ description: "Benchmark name as the results file writes it; `*` matches any run of characters, like `BenchmarkParse*`." })
    .register(fixHints, { fix: "Write the benchmark's name as it appears in the results, like `BenchmarkParse` or `parse/*`." }),
  measure: z.string().min(1).optional().meta({ description: "Only this measure of the benchmark (like `ns/op` or `B/op`); all of them when left out." }),
  better: z.enum(["lower", "higher"]).optional().meta({ description: "Which direction is an improvement, when the format does not say or says it wrong." }),
  threshold: ThresholdSetting.optional().meta({ description: "Smallest change that matters for these benchmarks, instead of `benchmarks.threshold`." }),
});

/** CI benchmark results Kaizen compares on pull requests and on the default branch. */
export const BenchmarksConfig = z.strictObject({
  workflows: z
    .array(z.string().min(1))
    .prefault([])
    .meta({ description: "Names of the GitHub Actions workflows that run the benchmarks (the workflow's `name:`); none means benchmarks are off." }),
  artifact: z
    .string()
    .min(1)
    .default("kaizen-benchmarks")
    .meta({ description: "Name of the artifact those workflows upload with the result files in it." }),
  format: z
    .enum([
      "auto",
      "github-action-benchmark",
      "customBiggerIsBetter",
      "customSmallerIsBetter",
      "bencher",
      "hyperfine",
      "k6",
      "go",
      "pytest-benchmark",
      "google-benchmark",
    ])
    .default("auto")
    .meta({
      description:
        "Format of the result files; `auto` recognises each file by its content. `customBiggerIsBetter` and `customSmallerIsBetter` (github-action-benchmark's `tool:` names) read its custom JSON with that direction for every benchmark, unless `overrides` say otherwise.",
    }),
  threshold: ThresholdSetting.prefault("10%").meta({
    description: "Smallest change that matters: a percentage like `10%`, or an absolute amount in the benchmark's unit.",
  }),
  alpha: z
    .number()
    .gt(0)
    .lt(0.5)
    .default(0.01)
    .meta({ description: "Significance level of the statistical test for benchmarks with samples." }),
  history: z
    .int()
    .min(3)
    .max(100)
    .default(10)
    .meta({ description: "How many earlier results on the base branch are used to estimate the noise of benchmarks that report one value." }),
  gate: z.boolean().default(false).meta({ description: "Make the \"Kaizen benchmarks\" check run fail on a regression." }),
  overrides: z.array(BenchmarkOverride).prefault([]).meta({ description: "Per-benchmark direction and threshold." }),
});
