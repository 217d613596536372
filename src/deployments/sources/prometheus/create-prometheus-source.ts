import type { PrometheusSourceSettings } from "../../../config/sources-file.js";
import type { MetricsSource } from "../metrics-source.js";
import { postWithRetry } from "./post-with-retry.js";
import { parseQueryRangeResponse } from "./prometheus-response.js";
import { prometheusGraphUrl } from "./prometheus-graph-url.js";

/**
 * A MetricsSource backed by Prometheus's HTTP API (`/api/v1/query_range`, form-encoded POST so long
 * queries never hit URL length limits). Every failure is a SourceError prefixed with the source name.
 */
export function createPrometheusSource(name: string, settings: PrometheusSourceSettings): MetricsSource {
  // Relative to the base with a trailing slash, so a path prefix (http://host/prometheus) is kept.
  const queryRangeUrl = new URL("api/v1/query_range", settings.url.replace(/\/?$/, "/"));

  return {
    name,
    kind: "prometheus",

    async queryRange(query, window, stepSeconds) {
      const startSeconds = window.start.getTime() / 1000;
      const endSeconds = window.end.getTime() / 1000;
      const body = await postWithRetry({
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
      });
      return parseQueryRangeResponse(name, body, endSeconds);
    },

    graphUrl(query, window) {
      return prometheusGraphUrl(settings.graphUrl, query, window);
    },
  };
}
