import type { BenchmarkMeasurement } from "../benchmark-result.js";
import { isObject, objectAt, shapeError } from "./json-shape.js";

/** k6's `--summary-export` (or a `handleSummary` that writes `JSON.stringify(data)`): an object of `metrics`. */
export function looksLikeK6(value: unknown): boolean {
  if (!isObject(value) || !isObject(value.metrics)) return false;
  const metrics = Object.values(value.metrics);
  return "root_group" in value || metrics.some((m) => isObject(m) && ("values" in m || "med" in m || "count" in m));
}

/** k6's built-in metrics that hold times, in milliseconds, besides every `http_req_*` but `http_req_failed`. */
const TIME_METRICS = new Set(["iteration_duration", "group_duration", "ws_connecting", "ws_session_duration", "ws_ping",
  "grpc_req_duration"]);
const isTimeMetric = (baseName: string): boolean =>
  (baseName.startsWith("http_req_") && baseName !== "http_req_failed") || TIME_METRICS.has(baseName);
/** Trend stats worth comparing: the mean, the median and the percentiles (min and max are one request each). */
const TREND_STAT = /^(?:avg|med|p\(\d+(?:\.\d+)?\))$/;
/** Counters whose per-second rate is the throughput of a closed-model (fixed VUs) test. */
const THROUGHPUT = new Set(["http_reqs", "iterations"]);

/**
 * k6 end-of-test summary, in either shape: `--summary-export` (each metric's stats flat: `{avg, min, med, max,
 * p(90), p(95), thresholds?}` for a trend, `{count, rate}` for a counter, `{passes, fails, value}` for a rate,
 * `{value, min, max}` for a gauge) or `handleSummary`'s data (`{type, contains, values: {...}, thresholds}`).
 * A k6 file is one load test, so benchmark = the file's path without `.json`, and measure = `<metric> <stat>`:
 * - every trend's `avg`, `med` and `p(N)` (value as written): unit `ms` and better lower for time trends (the
 *   built-in timing metrics above, `contains: "time"`, or any trend of --summary-export, whose shape has no
 *   `contains`), else (handleSummary's `contains: "default"`) unit "" and better null;
 * - `http_reqs rate` and `iterations rate`: unit `/s`, better higher;
 * - `http_req_failed rate` (the failing fraction, 0–1): unit "", better lower.
 * Not read: data_sent/data_received (volume, not speed), gauges (vus: the test's setting), custom counters and
 * rates (their meaning is the script's), checks and thresholds (pass/fail verdicts k6 already gave).
 * Samples: null, a summary keeps none.
 */
export function parseK6(value: unknown, file: string): BenchmarkMeasurement[] {
  const benchmark = file.replace(/\.json$/i, "");
  const metrics = objectAt(objectAt(value, []).metrics, ["metrics"]);
  return Object.entries(metrics).flatMap(([name, raw]): BenchmarkMeasurement[] => {
    const path = ["metrics", name];
    const metric = objectAt(raw, path);
    const statsPath = isObject(metric.values) ? [...path, "values"] : path;
    const stats = objectAt(metric.values ?? metric, statsPath);
    const stat = (key: string): number => {
      if (typeof stats[key] === "number") return stats[key];
      throw shapeError([...statsPath, key], "should be a number");
    };
    const baseName = name.split("{")[0] ?? name;
    if (metric.type === "trend" || Object.keys(stats).some((key) => key === "med" || key === "avg")) {
      // handleSummary says what a trend holds (`contains`); --summary-export drops that, and a custom Trend there
      // is read as the time it almost always is (`new Trend(name, true)`), so one script reads the same either way.
      const isTime = metric.contains === undefined ? true : metric.contains === "time" || isTimeMetric(baseName);
      return Object.keys(stats)
        .filter((key) => TREND_STAT.test(key))
        .map((key) => ({
          benchmark,
          measure: `${name} ${key}`,
          unit: isTime ? "ms" : "",
          better: isTime ? "lower" : null,
          value: stat(key),
          samples: null,
        }));
    }
    if (THROUGHPUT.has(baseName) && "count" in stats) {
      return [{ benchmark, measure: `${name} rate`, unit: "/s", better: "higher", value: stat("rate"), samples: null }];
    }
    if (baseName === "http_req_failed") {
      const failing = "rate" in stats ? stat("rate") : stat("value");
      return [{ benchmark, measure: `${name} rate`, unit: "", better: "lower", value: failing, samples: null }];
    }
    return [];
  });
}
