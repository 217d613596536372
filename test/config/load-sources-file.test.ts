import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadSourcesFile, parseSourcesFile } from "../../src/config/load-sources-file.js";

const ENV = { PROM_TOKEN: "s3cr3t: {not yaml}", PROM_HOST: "prometheus" };
const parse = (text: string, env: Record<string, string | undefined> = ENV) => parseSourcesFile(text, env, "sources.yml");
const problems = (text: string, env?: Record<string, string | undefined>) => {
  try {
    parse(text, env);
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error("expected the file to be rejected");
};
const prometheus = (fields: string) => `sources:\n  prometheus:\n    type: prometheus\n${fields}`;

describe("parseSourcesFile", () => {
  describe("with a valid file", () => {
    it("reads every field, expanding ${VAR} from the environment and converting units", () => {
      const file = parse(
        prometheus(`    url: http://\${PROM_HOST}:9090
    graph_url: https://prometheus.example.com
    headers: { Authorization: "Bearer \${PROM_TOKEN}" }
    timeout: 2.5s
    retries: 0
`),
      );

      expect(file).toEqual({
        sources: {
          prometheus: {
            type: "prometheus",
            url: "http://prometheus:9090",
            graphUrl: "https://prometheus.example.com",
            headers: { Authorization: "Bearer s3cr3t: {not yaml}" },
            timeoutMs: 2500,
            retries: 0,
            maxResponseBytes: 4 * 1024 * 1024,
            maxConcurrentQueries: 4,
          },
        },
      });
    });

    it("fills the defaults: graph link on url, no headers, 10 s timeout, 2 retries", () => {
      expect(parse(prometheus("    url: http://prometheus:9090\n")).sources.prometheus).toEqual({
        type: "prometheus",
        url: "http://prometheus:9090",
        graphUrl: "http://prometheus:9090",
        headers: {},
        timeoutMs: 10_000,
        retries: 2,
        maxResponseBytes: 4 * 1024 * 1024,
        maxConcurrentQueries: 4,
      });
    });

    it.each([
      ["500ms", 500],
      ["10s", 10_000],
      ["1m", 60_000],
      ["3", 3000],
    ])("reads the timeout %s as %i ms", (timeout, ms) => {
      const file = parse(prometheus(`    url: http://prometheus:9090\n    timeout: ${timeout}\n`));

      expect(file.sources.prometheus?.timeoutMs).toBe(ms);
    });

    it("accepts a file with no sources", () => {
      expect(parse("sources: {}\n")).toEqual({ sources: {} });
    });
  });

  describe("with an invalid file", () => {
    it.each([
      [
        "an unset variable",
        prometheus('    url: http://prometheus:9090\n    headers: { Authorization: "Bearer ${MISSING_TOKEN}" }\n'),
        "sources.prometheus.headers.Authorization: environment variable MISSING_TOKEN is not set: " +
          "set it in Kaizen's environment or remove ${MISSING_TOKEN} from the file",
      ],
      [
        "a malformed reference",
        prometheus("    url: http://${PROM HOST}:9090\n"),
        'sources.prometheus.url: "${PROM HOST}" is not a variable reference: write ${NAME}',
      ],
      [
        "an unknown type",
        "sources:\n  influx:\n    type: influxdb\n    url: http://influx:8086\n",
        'sources.influx.type: unknown source type "influxdb": set type to one of "prometheus"',
      ],
      [
        "a missing type",
        "sources:\n  prometheus:\n    url: http://prometheus:9090\n",
        'sources.prometheus.type: missing source type: set type to one of "prometheus"',
      ],
      [
        "a URL that is not http(s)",
        prometheus("    url: prometheus:9090\n"),
        "sources.prometheus.url: must be an http(s) URL, e.g. http://prometheus:9090",
      ],
      [
        "a missing url",
        prometheus("    retries: 1\n"),
        "sources.prometheus.url: must be an http(s) URL, e.g. http://prometheus:9090",
      ],
      [
        "an unknown field",
        prometheus("    url: http://prometheus:9090\n    timout: 5s\n"),
        'sources.prometheus: unknown field "timout": remove it or check its spelling ' +
          "(allowed: type, url, graph_url, headers, timeout, retries, max_response_bytes, max_concurrent_queries)",
      ],
      [
        "a bad duration",
        prometheus("    url: http://prometheus:9090\n    timeout: 10 seconds\n"),
        'sources.prometheus.timeout: must be a duration such as "10s", "500ms" or "1m"',
      ],
      [
        "a response cap below 64 KiB",
        prometheus("    url: http://prometheus:9090\n    max_response_bytes: 1000\n"),
        "sources.prometheus.max_response_bytes: must be a whole number of bytes from 65536 (64 KiB) to 268435456 (256 MiB)",
      ],
      [
        "no concurrency",
        prometheus("    url: http://prometheus:9090\n    max_concurrent_queries: 0\n"),
        "sources.prometheus.max_concurrent_queries: must be a whole number from 1 to 32",
      ],
      [
        "too many retries",
        prometheus("    url: http://prometheus:9090\n    retries: 9\n"),
        "sources.prometheus.retries: must be a whole number from 0 to 5",
      ],
      [
        "a bad source name",
        "sources:\n  Prod Metrics:\n    type: prometheus\n    url: http://prometheus:9090\n",
        'sources["Prod Metrics"]: source names use lowercase letters, digits, - and _, starting with a letter or digit',
      ],
      ["no sources map", "prometheus: {}\n", 'unknown field "prometheus"'],
      ["an empty file", "", "(top level): must be a map with the fields sources"],
      ["broken YAML", "sources: {prometheus: [\n", "YAML syntax: "],
    ])("rejects %s, naming the path and the fix", (_case, text, problem) => {
      const message = problems(text);

      expect(message.startsWith("Invalid sources file sources.yml (KAIZEN_SOURCES):\n  - ")).toBe(true);
      expect(message).toContain(problem);
    });

    it("lists every problem at once, one per line", () => {
      const message = problems(`sources:
  prometheus:
    type: prometheus
    url: http://\${NOPE}:9090
    retries: -1
  other:
    type: graphite
extra: true
`);

      expect(message.split("\n").slice(1)).toEqual([
        "  - sources.prometheus.url: environment variable NOPE is not set: set it in Kaizen's environment or remove ${NOPE} from the file",
        "  - sources.prometheus.retries: must be a whole number from 0 to 5",
        '  - sources.other.type: unknown source type "graphite": set type to one of "prometheus"',
        '  - (top level): unknown field "extra": remove it or check its spelling (allowed: sources)',
      ]);
    });
  });
});

describe("loadSourcesFile", () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "kaizen-sources-"));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it("reads and validates the file at the path", async () => {
    const path = join(dir, "sources.yml");
    await writeFile(path, prometheus('    url: http://prometheus:9090\n    headers: { X-Token: "${PROM_TOKEN}" }\n'));

    expect(loadSourcesFile(path, ENV).sources.prometheus?.headers).toEqual({ "X-Token": ENV.PROM_TOKEN });
  });

  it("names the file and what to do when it cannot be read", () => {
    const path = join(dir, "missing.yml");

    expect(() => loadSourcesFile(path, ENV)).toThrow(
      new RegExp(`^Cannot read the sources file ${path}: ENOENT.*Point KAIZEN_SOURCES at a readable YAML file\\.$`),
    );
  });

  it("names the file in validation errors", async () => {
    const path = join(dir, "bad.yml");
    await writeFile(path, "sources:\n  x: { type: nope }\n");

    expect(() => loadSourcesFile(path, ENV)).toThrow(`Invalid sources file ${path} (KAIZEN_SOURCES):`);
  });
});
