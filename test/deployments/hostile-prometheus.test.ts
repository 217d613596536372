import { evaluationWindows } from "../../src/analysis/evaluation-windows.js";
import { KaizenConfig } from "../../src/config/schema/kaizen-config.js";
import { parseSourcesFile } from "../../src/config/load-sources-file.js";
import { PrometheusSourceSettings } from "../../src/config/sources-file.js";
import { measureMetrics } from "../../src/deployments/measure-metrics.js";
import { createSourceRegistry } from "../../src/deployments/sources/create-source-registry.js";
import { createPrometheusSource } from "../../src/deployments/sources/prometheus/create-prometheus-source.js";
import { readPrometheusFixture } from "../helpers/prometheus-fixture.js";
import { findUnusedPort, startLocalHttpServer } from "./sources/prometheus/local-http-server.js";

const vars = { environment: "production", sha: "abc", ref: "main", repo: "octo/app" };
const deployedAt = new Date("2026-01-01T12:00:00Z");

function sourcesAt(url: string, fields = ""): ReturnType<typeof createSourceRegistry> {
  return createSourceRegistry(parseSourcesFile(`sources:\n  prometheus:\n    type: prometheus\n    url: ${url}\n${fields}`, {}, "sources.yml"));
}

async function measure(sources: ReturnType<typeof createSourceRegistry>, metrics: Array<Record<string, unknown>>, noiseWindows = 0) {
  const config = KaizenConfig.parse({ deployments: { soak: "5m", window: "20m", step: "60s", noise_windows: noiseWindows }, metrics });
  return measureMetrics(config, sources, evaluationWindows(deployedAt, config.deployments), vars, 60, { deployedAt });
}

/** A `query_range` answer of `count` series of `points` samples each: a query that forgot its sum(). */
function manySeries(count: number, points: number): string {
  const values = JSON.stringify(Array.from({ length: points }, (_, i) => [1767268800 + i * 60, "0.123456789"]));
  const series = Array.from({ length: count }, (_, i) => `{"metric":{"__name__":"http_request_duration_seconds","pod":"api-${i}"},"values":${values}}`);
  return `{"status":"success","data":{"resultType":"matrix","result":[${series.join(",")}]}}`;
}

describe("a hostile Prometheus answer", () => {
  describe("of 24 MB and 20 000 series", () => {
    const body = Buffer.from(manySeries(20_000, 42));

    it("is refused once its first 4 MiB are in, without reading the rest: Inconclusive with the reason", async () => {
      expect(body.length).toBeGreaterThan(24_000_000);
      const sentPerRequest: number[] = [];
      const server = await startLocalHttpServer((response, _request, index) => {
        let sent = 0;
        response.writeHead(200, { "content-type": "application/json" });
        // Streamed with no length, as a proxy in front of Prometheus may send it, so the cap acts mid-body.
        const write = () => {
          while (sent < body.length) {
            const chunk = body.subarray(sent, sent + 64 * 1024);
            sent += chunk.length;
            sentPerRequest[index] = sent;
            if (!response.write(chunk)) return void response.once("drain", write);
          }
          response.end();
        };
        write();
      });
      try {
        const [latency] = await measure(sourcesAt(server.url), [{ name: "latency", query: "http_request_duration_seconds" }]);
        expect(latency!.result).toMatchObject({ verdict: "inconclusive", test: "none" });
        expect(latency!.result.reason).toBe(
          "prometheus: the answer is larger than 4 MiB, more than Kaizen reads: the query likely returns many series; " +
            "aggregate them, e.g. sum(...) or avg(...), or raise max_response_bytes for this source in the sources file",
        );
        // Both windows were asked for; neither answer was read, nor even sent, to its end.
        expect(sentPerRequest).toHaveLength(2);
        for (const sent of sentPerRequest) expect(sent).toBeLessThan(body.length / 2);
      } finally {
        await server.close();
      }
    });

    it("is refused before its body is read when it says its length, and never retried", async () => {
      const server = await startLocalHttpServer((response) => response.writeHead(200, { "content-type": "application/json", "content-length": body.length }).end(body));
      try {
        const source = createPrometheusSource("prometheus", PrometheusSourceSettings.parse({ type: "prometheus", url: server.url, max_response_bytes: 65_536 }));
        await expect(source.queryRange("up", { start: new Date(0), end: new Date(60_000) }, 60)).rejects.toThrow(/larger than 64 KiB/);
        expect(server.requests).toHaveLength(1);
      } finally {
        await server.close();
      }
    });
  });

  describe("of several series within the size cap, from the real Prometheus", () => {
    it("is refused before its samples are converted, naming what tells the series apart", async () => {
      const fixture = readPrometheusFixture();
      const config = KaizenConfig.parse({ deployments: { soak: "5m", window: "20m", step: "30s", noise_windows: 0 }, metrics: [{ name: "all", query: '{__name__=~"kaizen_test_.*_seconds"}' }] });
      const at = new Date(fixture.stepAt * 1000);
      const [all] = await measureMetrics(config, sourcesAt(fixture.url), evaluationWindows(at, config.deployments), vars, 30, { deployedAt: at });
      expect(all!.result.verdict).toBe("inconclusive");
      expect(all!.result.reason).toMatch(/^prometheus: the query returned \d+ series \(they differ in __name__\), but Kaizen compares exactly one: aggregate them/);
    });
  });

  describe("asked for by many metrics at once", () => {
    it("has at most max_concurrent_queries requests in flight to the source, and every metric still measured", async () => {
      let inFlight = 0;
      let most = 0;
      const server = await startLocalHttpServer((response) => {
        most = Math.max(most, ++inFlight);
        setTimeout(() => {
          inFlight--;
          response.writeHead(200, { "content-type": "application/json" }).end('{"status":"success","data":{"resultType":"matrix","result":[]}}');
        }, 20);
      });
      try {
        const metrics = Array.from({ length: 12 }, (_, i) => ({ name: `m${i}`, query: `up{i="${i}"}` }));
        const measured = await measure(sourcesAt(server.url, "    max_concurrent_queries: 3\n"), metrics, 2);
        expect(measured).toHaveLength(12);
        expect(server.requests.length).toBeGreaterThanOrEqual(12 * 2);
        expect(most).toBe(3);
      } finally {
        await server.close();
      }
    });
  });
});

describe("a source URL with credentials in it", () => {
  const PASSWORD = "hunter2-Zq9";
  const env = { PROM_PASSWORD: PASSWORD };

  it("is refused in the sources file with the fix, and the refusal does not print the password", () => {
    const text = "sources:\n  prometheus:\n    type: prometheus\n    url: https://kaizen:${PROM_PASSWORD}@prom.example.com\n";
    let message = "";
    try {
      parseSourcesFile(text, env, "sources.yml");
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toContain("sources.prometheus.url: must not hold a user name or password");
    expect(message).toContain('headers: { Authorization: "Basic ${PROM_BASIC_AUTH}" }');
    expect(message).not.toContain(PASSWORD);
  });

  it("is refused as graph_url too", () => {
    const text = `sources:\n  prometheus:\n    type: prometheus\n    url: https://prom.example.com\n    graph_url: https://u:${PASSWORD}@grafana.example.com\n`;
    expect(() => parseSourcesFile(text, {}, "sources.yml")).toThrow(/sources\.prometheus\.graph_url: must not hold a user name or password/);
  });

  it("never reaches a reason or a graph link, should one get past the file (defence in depth)", async () => {
    const port = await findUnusedPort();
    const notFound = await startLocalHttpServer((response) => response.writeHead(404).end("nope"));
    try {
      const hostOf = (url: string) => url.replace("http://", `http://kaizen:${PASSWORD}@`);
      const settings = (url: string) => ({ ...PrometheusSourceSettings.parse({ type: "prometheus", url, retries: 0 }), url: hostOf(url), graphUrl: hostOf(url) });
      const sources = {
        names: () => ["refused", "missing"],
        get: (name: string) =>
          name === "refused" ? createPrometheusSource("refused", settings(`http://127.0.0.1:${port}`)) : createPrometheusSource("missing", settings(notFound.url)),
      } as ReturnType<typeof createSourceRegistry>;
      const measured = await measure(sources, [
        { name: "a", source: "refused", query: "up" },
        { name: "b", source: "missing", query: "up" },
      ]);
      expect(measured.map((m) => m.result.verdict)).toEqual(["inconclusive", "inconclusive"]);
      // fetch itself refuses such a URL, quoting it in its error: the reason keeps the error, not the password.
      expect(measured[0]!.result.reason).toBe(
        `refused: request to http://127.0.0.1:${port} failed: Request cannot be constructed from a URL that includes credentials: ` +
          `http://127.0.0.1:${port}/api/v1/query_range (1 attempt)`,
      );
      expect(measured[1]!.result.reason).toMatch(/^missing: request to http:\/\/127\.0\.0\.1:\d+ failed: /);
      const printed = JSON.stringify(measured);
      expect(printed).not.toContain(PASSWORD);
      expect(printed).not.toContain("kaizen:");
      expect(measured[0]!.graphUrl).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:${port}/graph\\?g0\\.expr=up`));
    } finally {
      await notFound.close();
    }
  });
});
