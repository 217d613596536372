import { z } from "zod";
import { SourceError } from "../metrics-source.js";
import { type SeriesSamples } from "../../../analysis/time-window.js";

/** Prometheus's error envelope, also sent with 4xx/5xx statuses. */
export const PrometheusErrorBody = z.object({
  status: z.literal("error"),
  errorType: z.string(),
  error: z.string(),
});

const SuccessBody = z.object({
  status: z.literal("success"),
  data: z.object({ resultType: z.string(), result: z.unknown() }),
});

const Labels = z.array(z.object({ metric: z.record(z.string(), z.string()) }));

const Matrix = z.array(
  z.object({
    metric: z.record(z.string(), z.string()),
    // Native-histogram-only series carry `histograms` instead; they have no float values to compare.
    values: z.array(z.tuple([z.number(), z.string()])).default([]),
  }),
);

/**
 * Validates a `query_range` response body and converts it to samples: one series at most, values as
 * numbers, NaN/±Inf dropped, and nothing at or after `endSeconds` (windows are half-open).
 */
export function parseQueryRangeResponse(name: string, body: unknown, endSeconds: number): SeriesSamples {
  const error = PrometheusErrorBody.safeParse(body);
  if (error.success) throw new SourceError(`${name}: ${error.data.errorType}: ${error.data.error}`);

  const success = SuccessBody.safeParse(body);
  if (!success.success) throw unexpected(name, success.error);
  const { resultType, result } = success.data.data;
  if (resultType !== "matrix") {
    throw new SourceError(`${name}: expected a range result (matrix) from query_range but got ${resultType}`);
  }
  // Several series are refused before their samples are validated and converted: that is the bulk of the answer.
  if (Array.isArray(result) && result.length > 1) {
    const labels = Labels.safeParse(result);
    if (!labels.success) throw unexpected(name, labels.error);
    throw tooManySeries(name, labels.data.map((s) => s.metric));
  }
  const matrix = Matrix.safeParse(result);
  if (!matrix.success) throw unexpected(name, matrix.error);

  const [series, ...others] = matrix.data;
  if (!series) return { timestamps: [], values: [] };
  if (others.length > 0) throw tooManySeries(name, matrix.data.map((s) => s.metric));

  const samples: SeriesSamples = { timestamps: [], values: [] };
  for (const [timestamp, text] of series.values) {
    const value = Number(text);
    if (timestamp >= endSeconds || !Number.isFinite(value)) continue;
    samples.timestamps.push(timestamp);
    samples.values.push(value);
  }
  return samples;
}

function unexpected(name: string, error: z.ZodError): SourceError {
  const issue = error.issues[0];
  const where = issue && issue.path.length > 0 ? ` at ${issue.path.join(".")}` : "";
  return new SourceError(
    `${name}: unexpected response${where} (${issue?.message ?? "invalid"}): check that the source's url points at Prometheus`,
  );
}

/** Names the labels that tell the series apart, since those are what the query must aggregate away. */
function tooManySeries(name: string, labelSets: Record<string, string>[]): SourceError {
  const labels = new Set(labelSets.flatMap((set) => Object.keys(set)));
  const differing = [...labels].filter((label) => new Set(labelSets.map((set) => set[label])).size > 1).sort();
  const by = differing.length > 0 ? ` (they differ in ${differing.join(", ")})` : "";
  return new SourceError(
    `${name}: the query returned ${labelSets.length} series${by}, but Kaizen compares exactly one: ` +
      "aggregate them, e.g. sum(...) or avg(...)",
  );
}
