import { z } from "zod";

const SOURCE_NAME = /^[a-z0-9][a-z0-9_-]*$/;
const DURATION = /^(\d+(?:\.\d+)?)(ms|s|m)$/;
const UNIT_MS = { ms: 1, s: 1000, m: 60_000 } as const;
const DURATION_ERROR = 'must be a duration such as "10s", "500ms" or "1m"';
const RETRIES_ERROR = "must be a whole number from 0 to 5";
const MiB = 1024 * 1024;
const RESPONSE_BYTES_ERROR = "must be a whole number of bytes from 65536 (64 KiB) to 268435456 (256 MiB)";
const CONCURRENCY_ERROR = "must be a whole number from 1 to 32";

const USERINFO_ERROR =
  "must not hold a user name or password (Kaizen shows source URLs in reasons and graph links, which would print them): " +
  'remove them from the URL and send them as a header instead, e.g. headers: { Authorization: "Basic ${PROM_BASIC_AUTH}" } ' +
  "with PROM_BASIC_AUTH set to the base64 of user:password";

/** Userinfo is refused, not moved to a header: a URL that looks like it carries credentials should not work by surprise. */
const HttpUrl = z
  .url({
    protocol: /^https?$/,
    error: "must be an http(s) URL, e.g. http://prometheus:9090",
  })
  .refine((url) => !URL.canParse(url) || (new URL(url).username === "" && new URL(url).password === ""), { error: USERINFO_ERROR });

/** `10s`, `500ms`, `1m`, or a plain number of seconds; converted to milliseconds here, once. */
const Duration = z
  .union([
    z.number({ error: DURATION_ERROR }).positive({ error: DURATION_ERROR }),
    z.string({ error: DURATION_ERROR }).regex(DURATION, { error: DURATION_ERROR }),
  ])
  .transform((value) => {
    if (typeof value === "number") return value * 1000;
    const [, amount, unit] = DURATION.exec(value) as unknown as [string, string, keyof typeof UNIT_MS];
    return Number(amount) * UNIT_MS[unit];
  })
  .refine((ms) => ms > 0 && ms <= 300_000, { error: "must be more than 0 and at most 5m" });

/** One Prometheus server, as the operator describes it; the output is what the adapter receives. */
export const PrometheusSourceSettings = z
  .strictObject(
    {
      type: z.literal("prometheus"),
      /** Where Kaizen sends queries (a path prefix such as /prometheus is kept). */
      url: HttpUrl,
      /** Public URL used for links in reports; defaults to `url`. */
      graph_url: HttpUrl.optional(),
      /** Sent with every request, e.g. `Authorization: "Bearer ${PROM_TOKEN}"`. */
      headers: z.record(z.string(), z.string({ error: "header values must be strings" })).default({}),
      /** Per request, before a retry. */
      timeout: Duration.default(10_000),
      /** Extra attempts after a network error, 5xx or timeout (never after a 4xx). */
      retries: z.int({ error: RETRIES_ERROR }).min(0, { error: RETRIES_ERROR }).max(5, { error: RETRIES_ERROR }).default(2),
      /**
       * The most of one answer Kaizen reads. One series over a window is a few hundred KB at most; a query missing
       * its sum() can answer tens of MB, which is refused (Inconclusive, with the reason) instead of held.
       */
      max_response_bytes: z
        .int({ error: RESPONSE_BYTES_ERROR })
        .min(64 * 1024, { error: RESPONSE_BYTES_ERROR })
        .max(256 * MiB, { error: RESPONSE_BYTES_ERROR })
        .default(4 * MiB),
      /** Queries in flight to this source at once, across every metric and evaluation of the process. */
      max_concurrent_queries: z.int({ error: CONCURRENCY_ERROR }).min(1, { error: CONCURRENCY_ERROR }).max(32, { error: CONCURRENCY_ERROR }).default(4),
    },
    {
      error: objectError(["type", "url", "graph_url", "headers", "timeout", "retries", "max_response_bytes", "max_concurrent_queries"]),
    },
  )
  .transform(({ type, url, graph_url, headers, timeout, retries, max_response_bytes, max_concurrent_queries }) => ({
    type,
    url,
    graphUrl: graph_url ?? url,
    headers,
    timeoutMs: timeout,
    retries,
    maxResponseBytes: max_response_bytes,
    maxConcurrentQueries: max_concurrent_queries,
  }));
export type PrometheusSourceSettings = z.infer<typeof PrometheusSourceSettings>;

/** Any source settings, told apart by `type`. Add CI benchmarks and friends here. */
export const SourceSettings = z.discriminatedUnion("type", [PrometheusSourceSettings], {
  error: (issue) => {
    // A non-map entry arrives here too, although the issue type does not list it.
    if ((issue.code as string) === "invalid_type") return "must be a map of settings, e.g. { type: prometheus, url: … }";
    if (issue.code !== "invalid_union") return undefined;
    const type = (issue.input as { type?: unknown } | undefined)?.type;
    const what = type === undefined ? "missing source type" : `unknown source type ${JSON.stringify(type)}`;
    return `${what}: set type to one of ${formatList(["prometheus"])}`;
  },
});
export type SourceSettings = z.infer<typeof SourceSettings>;

/** The operator's sources file (`KAIZEN_SOURCES`): named sources that repos refer to by name. */
export const SourcesFile = z.strictObject(
  {
    sources: z.record(
      z.string().regex(SOURCE_NAME, {
        error: "source names use lowercase letters, digits, - and _, starting with a letter or digit",
      }),
      SourceSettings,
      { error: "must be a map of source name → settings, e.g. sources: { prometheus: { type: prometheus, url: … } }" },
    ),
  },
  { error: objectError(["sources"]) },
);
export type SourcesFile = z.infer<typeof SourcesFile>;

/** Names the allowed fields, so a typo or a wrong shape says what was expected. */
function objectError(allowed: string[]) {
  return (issue: { code?: string; keys?: string[] }): string | undefined => {
    // A non-map entry arrives here too, although the issue type does not list it.
    if ((issue.code as string) === "invalid_type") return `must be a map with the fields ${allowed.join(", ")}`;
    if (issue.code !== "unrecognized_keys" || !issue.keys) return undefined;
    return `unknown field ${formatList(issue.keys)}: remove it or check its spelling (allowed: ${allowed.join(", ")})`;
  };
}

function formatList(items: string[]): string {
  return items.map((item) => `"${item}"`).join(", ");
}
