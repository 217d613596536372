import { prometheusGraphUrl } from "../../../../src/deployments/sources/prometheus/prometheus-graph-url.js";

const WINDOW = { start: new Date("2026-03-01T10:00:00Z"), end: new Date("2026-03-01T12:00:00Z") };

describe("prometheusGraphUrl", () => {
  it.each([
    ["a bare host", "https://prometheus.example.com", "https://prometheus.example.com/graph"],
    ["a trailing slash", "https://prometheus.example.com/", "https://prometheus.example.com/graph"],
    ["a path prefix", "https://example.com/prometheus", "https://example.com/prometheus/graph"],
  ])("links to the graph page under %s", (_case, base, page) => {
    expect(prometheusGraphUrl(base, "up", WINDOW).split("?")[0]).toBe(page);
  });

  it("encodes the query, the tab and the window the way the Prometheus 2 UI reads them", () => {
    const query = 'histogram_quantile(0.95, sum by (le) (rate(x_bucket{env="production"}[5m])))';

    expect(prometheusGraphUrl("http://prom:9090", query, WINDOW)).toBe(
      "http://prom:9090/graph?g0.expr=" +
        encodeURIComponent(query) +
        "&g0.tab=0&g0.range_input=7200s" +
        "&g0.end_input=2026-03-01%2012%3A00%3A00&g0.moment_input=2026-03-01%2012%3A00%3A00",
    );
  });

  it("rounds outwards so the graph covers a window with milliseconds", () => {
    const window = { start: new Date("2026-03-01T10:00:00.900Z"), end: new Date("2026-03-01T10:30:00.100Z") };
    const link = new URL(prometheusGraphUrl("http://prom:9090", "up", window));

    expect(link.searchParams.get("g0.range_input")).toBe("1801s");
    expect(link.searchParams.get("g0.end_input")).toBe("2026-03-01 10:30:01");
  });
});
