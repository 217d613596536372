import type { PrometheusSourceSettings } from "../../../config/sources-file.js";
import type { MetricsSource } from "../metrics-source.js";
import { postWithRetry } from "./post-with-retry.js";
import { parseQueryRangeResponse } from "./prometheus-response.js";
import { prometheusGraphUrl } from "./prometheus-graph-url.js";

/**
 * A MetricsSource backed by Prometheus's HTTP API (`/api/v1/query_range`, form-encoded POST so long
 * queries never hit URL length limits). Every failure is a SourceError prefixed with the source name.
 * At most `max_concurrent_queries` requests are in flight at once: an evaluation asks for every metric's
 * windows and quiet pairs together, and answers are held in memory until parsed.
 */
export function createPrometheusSource(name: string, settings: PrometheusSourceSettings): MetricsSource {
  const limit = concurrencyLimit(settings.maxConcurrentQueries);
  // Relative to the base with a trailing slash, so a path prefix (http://host/prometheus) is kept.
  const queryRangeUrl = new URL("api/v1/query_range", settings.url.replace(/\/?$/, "/"));

  return {
    name,
    kind: "prometheus",

    async queryRange(query, window, stepSeconds) {
      const startSeconds = window.start.getTime() / 1000;
      const endSeconds = window.end.getTime() / 1000;
      const body = await limit(() => postWithRetry({
        name,
        baseUrl: settings.url,
        url: queryRangeUrl,
        form: new URLSearchParams({
          query,
          start: String(startSeconds),
          end: String(endSeconds),
          step: String(stepSeconds),
        }),
        headers: settings.headers,
        timeoutMs: settings.timeoutMs,
        retries: settings.retries,
        maxResponseBytes: settings.maxResponseBytes,
      }));
      return parseQueryRangeResponse(name, body, endSeconds);
    },

    graphUrl(query, window) {
      return prometheusGraphUrl(settings.graphUrl, query, window);
    },
  };
}

/** Runs at most `max` of the given tasks at once, the rest waiting in order. */
function concurrencyLimit(max: number): <T>(task: () => Promise<T>) => Promise<T> {
  let running = 0;
  const waiting: Array<() => void> = [];
  return async (task) => {
    if (running >= max) await new Promise<void>((resolve) => waiting.push(resolve));
    else running++;
    try {
      return await task();
    } finally {
      // The slot passes straight to the next task, so `running` never drops while some wait.
      const next = waiting.shift();
      if (next) next();
      else running--;
    }
  };
}
