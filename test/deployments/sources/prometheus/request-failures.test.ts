import type { ServerResponse } from "node:http";
import { PrometheusSourceSettings } from "../../../../src/config/sources-file.js";
import { SourceError } from "../../../../src/deployments/sources/metrics-source.js";
import { type TimeWindow } from "../../../../src/analysis/time-window.js";
import { createPrometheusSource } from "../../../../src/deployments/sources/prometheus/create-prometheus-source.js";
import { findUnusedPort, startLocalHttpServer } from "./local-http-server.js";

// Failure modes a real Prometheus will not produce on demand, played by local node:http servers.
const WINDOW: TimeWindow = { start: new Date("2026-01-01T00:00:00Z"), end: new Date("2026-01-01T00:05:00Z") };
const START = WINDOW.start.getTime() / 1000;
const END = WINDOW.end.getTime() / 1000;

const sourceAt = (url: string, extra: Record<string, unknown> = {}) =>
  createPrometheusSource("prometheus", PrometheusSourceSettings.parse({ type: "prometheus", url, ...extra }));
const json = (status: number, body: unknown) => (response: ServerResponse) =>
  response.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(body));
const text = (status: number, body: string, type = "text/plain") => (response: ServerResponse) =>
  response.writeHead(status, { "content-type": type }).end(body);
const matrix = (...series: [number, string][][]) => ({
  status: "success",
  data: { resultType: "matrix", result: series.map((values, i) => ({ metric: { i: String(i) }, values })) },
});

let close: (() => Promise<void>) | undefined;
afterEach(async () => {
  await close?.();
  close = undefined;
});

describe("createPrometheusSource.queryRange when Prometheus misbehaves", () => {
  it.each([
    ["a 503 without a body", text(503, "down"), "prometheus: HTTP 503 Service Unavailable (3 attempts)", 3],
    [
      "a 500 with Prometheus's error envelope",
      json(500, { status: "error", errorType: "internal", error: "boom" }),
      "prometheus: internal: boom (3 attempts)",
      3,
    ],
    [
      "a 400 bad_data (a bad query)",
      json(400, { status: "error", errorType: "bad_data", error: 'parse error at char 5: unexpected "("' }),
      'prometheus: bad_data: parse error at char 5: unexpected "("',
      1,
    ],
    [
      "a 401 without a body",
      text(401, "no"),
      "prometheus: HTTP 401 Unauthorized: check the headers configured for this source",
      1,
    ],
    [
      "a 200 that is not JSON",
      text(200, "<html>login</html>", "text/html"),
      /^prometheus: answered .* with something other than JSON \(text\/html\)/,
      1,
    ],
    [
      "an instant (vector) result",
      json(200, { status: "success", data: { resultType: "vector", result: [] } }),
      "prometheus: expected a range result (matrix) from query_range but got vector",
      1,
    ],
    [
      "a malformed matrix",
      json(200, { status: "success", data: { resultType: "matrix", result: [{ values: [["x", "1"]] }] } }),
      /^prometheus: unexpected response at 0\.metric .*check that the source's url points at Prometheus$/,
      1,
    ],
  ])("answers %s with a SourceError after the right number of attempts", async (_case, respond, message, attempts) => {
    const server = await startLocalHttpServer(respond);
    close = server.close;

    const query = sourceAt(server.url).queryRange("up", WINDOW, 60);

    await expect(query).rejects.toThrow(SourceError);
    await expect(query).rejects.toThrow(message);
    expect(server.requests).toHaveLength(attempts);
  });

  it("retries a 503 and returns the answer that follows", async () => {
    const server = await startLocalHttpServer((response, _request, index) =>
      index === 0 ? text(503, "busy")(response) : json(200, matrix([[START, "1.5"]]))(response),
    );
    close = server.close;

    const samples = await sourceAt(server.url).queryRange("up", WINDOW, 60);

    expect(samples).toEqual({ timestamps: [START], values: [1.5] });
    expect(server.requests).toHaveLength(2);
  });

  it("times out on a server that never answers, retrying first", async () => {
    const server = await startLocalHttpServer(() => {});
    close = server.close;

    const query = sourceAt(server.url, { timeout: "200ms", retries: 1 }).queryRange("up", WINDOW, 60);

    await expect(query).rejects.toThrow(new SourceError("prometheus: timed out after 0.2 s (2 attempts)"));
    expect(server.requests).toHaveLength(2);
  });

  it("reports a refused connection after retrying", async () => {
    const url = `http://127.0.0.1:${await findUnusedPort()}`;

    const query = sourceAt(url).queryRange("up", WINDOW, 60);

    await expect(query).rejects.toThrow(new SourceError(`prometheus: connection refused at ${url} (3 attempts)`));
  });
});

describe("createPrometheusSource.queryRange request and response handling", () => {
  it("posts the query form with the operator's headers under the url's path", async () => {
    const server = await startLocalHttpServer(json(200, matrix()));
    close = server.close;
    const headers = { Authorization: "Bearer t0k3n", "X-Scope-OrgID": "team-a" };

    await sourceAt(`${server.url}/prometheus`, { headers }).queryRange('sum(rate(x{env="production"}[5m]))', WINDOW, 30);

    const [request] = server.requests;
    expect(request).toMatchObject({ method: "POST", path: "/prometheus/api/v1/query_range" });
    expect(request?.headers).toMatchObject({
      authorization: "Bearer t0k3n",
      "x-scope-orgid": "team-a",
      "content-type": "application/x-www-form-urlencoded;charset=UTF-8",
    });
    expect(Object.fromEntries(new URLSearchParams(request?.body))).toEqual({
      query: 'sum(rate(x{env="production"}[5m]))',
      start: String(START),
      end: String(END),
      step: "30",
    });
  });

  it("keeps finite values before the window's end and drops the rest", async () => {
    const values: [number, string][] = [
      [START, "1"],
      [START + 60, "NaN"],
      [START + 120, "+Inf"],
      [START + 180, "-Inf"],
      [START + 240, "2.5"],
      [END, "3"],
    ];
    const server = await startLocalHttpServer(json(200, matrix(values)));
    close = server.close;

    const samples = await sourceAt(server.url).queryRange("up", WINDOW, 60);

    expect(samples).toEqual({ timestamps: [START, START + 240], values: [1, 2.5] });
  });

  it("returns empty samples for zero series", async () => {
    const server = await startLocalHttpServer(json(200, matrix()));
    close = server.close;

    await expect(sourceAt(server.url).queryRange("up", WINDOW, 60)).resolves.toEqual({ timestamps: [], values: [] });
  });

  it("names the series count and the labels that differ for several series", async () => {
    const server = await startLocalHttpServer(json(200, matrix([[START, "1"]], [[START, "2"]], [[START, "3"]])));
    close = server.close;

    await expect(sourceAt(server.url).queryRange("up", WINDOW, 60)).rejects.toThrow(
      "prometheus: the query returned 3 series (they differ in i), but Kaizen compares exactly one",
    );
  });
});
