/** kaizen.yml's entry for each metric the end-to-end tests read from the test Prometheus's fixture series. */
const ENTRIES = {
  // A regression at STEP_AT; lower is better and a 10 % change matters, as by default.
  latency: `  - name: latency
    query: kaizen_test_latency_seconds{env="{{environment}}"}
    unit: s
    better: lower
    threshold: 10%`,
  // An improvement at STEP_AT.
  throughput: `  - name: throughput
    query: kaizen_test_throughput_rps{env="{{environment}}"}
    unit: req/s
    better: higher`,
  // No change.
  "error ratio": `  - name: error ratio
    query: kaizen_test_error_ratio{env="{{environment}}"}`,
  // No data: the fixture has no staging series.
  "staging latency": `  - name: staging latency
    query: kaizen_test_latency_seconds{env="staging"}`,
};

/**
 * The `metrics:` section of a kaizen.yml with the named fixture metrics (see prometheus-fixture.ts for what each
 * series does at STEP_AT), ending in a newline so the next section can follow.
 */
export function fixtureMetricsYaml(...names: Array<keyof typeof ENTRIES>): string {
  return `metrics:\n${names.map((name) => `${ENTRIES[name]}\n`).join("")}`;
}
