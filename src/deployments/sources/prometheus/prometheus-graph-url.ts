import type { TimeWindow } from "../../../analysis/time-window.js";
import { redactUrl } from "./redact-url.js";

/**
 * A Prometheus 2 graph-page link showing `query` over `window`: the UI reads the panel from `g0.*`
 * parameters, the end as UTC "YYYY-MM-DD HH:mm:ss" and the range as whole seconds. The end is rounded
 * up and the start down, so the graph always covers the whole window.
 */
export function prometheusGraphUrl(baseUrl: string, query: string, window: TimeWindow): string {
  const endSeconds = Math.ceil(window.end.getTime() / 1000);
  const rangeSeconds = Math.max(1, endSeconds - Math.floor(window.start.getTime() / 1000));
  const end = new Date(endSeconds * 1000).toISOString().slice(0, 19).replace("T", " ");
  const params: [string, string][] = [
    ["g0.expr", query],
    ["g0.tab", "0"],
    ["g0.range_input", `${rangeSeconds}s`],
    ["g0.end_input", end],
    ["g0.moment_input", end],
  ];
  const search = params.map(([key, value]) => `${key}=${encodeURIComponent(value)}`).join("&");
  // Relative to the base with a trailing slash, so a path prefix (https://example.com/prometheus) is kept.
  return redactUrl(new URL(`graph?${search}`, baseUrl.replace(/\/?$/, "/")));
}
