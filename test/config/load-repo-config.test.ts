import nock from "nock";
import { loadRepoConfig } from "../../src/config/load-repo-config.js";
import { ProductionOctokit, TRIES_ON_5XX } from "../helpers/production-octokit.js";

const API = "https://api.github.com";
const OWNER = "octo-org";
const REPO = "shop";
const FILE = "/contents/.github%2Fkaizen.yml";


/** Replies to `times` reads (one by default) of kaizen.yml in `repo`: its text (as GitHub serves raw files), or a status code. */
function nockConfigFile(repo: string, reply: string | number, options: { owner?: string; ref?: string; times?: number } = {}): nock.Scope {
  const scope = nock(API).get(`/repos/${options.owner ?? OWNER}/${repo}${FILE}`);
  const withRef = (options.ref ? scope.query({ ref: options.ref }) : scope).times(options.times ?? 1);
  return typeof reply === "number"
    ? withRef.reply(reply, { message: reply === 404 ? "Not Found" : "Server Error" })
    : withRef.reply(200, reply, { "content-type": "text/plain; charset=utf-8" });
}

const VALID = `
metrics:
  - name: p95 latency
    query: histogram_quantile(0.95, sum by (le) (rate(x_bucket{env="{{environment}}"}[5m])))
    threshold: 5%
gate: true
`;

describe("loadRepoConfig", () => {
  const octokit = new ProductionOctokit({ auth: "token test" });
  const load = (ref?: string, sources = ["prometheus"]) => loadRepoConfig(octokit, { owner: OWNER, repo: REPO, ref }, sources);

  beforeEach(() => nock.disableNetConnect());
  afterEach(() => {
    nock.cleanAll();
    nock.enableNetConnect();
  });

  describe("when neither the repository nor the owner's .github has the file", () => {
    it("returns missing", async () => {
      const scopes = [nockConfigFile(REPO, 404), nockConfigFile(".github", 404)];
      await expect(load()).resolves.toEqual({ status: "missing" });
      for (const scope of scopes) expect(scope.isDone()).toBe(true);
    });
  });

  describe("when the repository has a valid file", () => {
    it("returns the validated config with defaults and the only source filled in", async () => {
      const scope = nockConfigFile(REPO, VALID);
      const result = await load();
      expect(result).toMatchObject({
        status: "ok",
        config: {
          gate: { check: true, environments: {} },
          deployments: { soak: 600_000 },
          metrics: [{ name: "p95 latency", source: "prometheus", threshold: { kind: "relative", value: 0.05 } }],
        },
      });
      expect(scope.isDone()).toBe(true);
    });

    it("reads the given ref, such as a pull request's head", async () => {
      const scope = nockConfigFile(REPO, "gate: true\n", { ref: "feature/x" });
      await expect(load("feature/x")).resolves.toMatchObject({ status: "ok", config: { gate: { check: true } } });
      expect(scope.isDone()).toBe(true);
    });

    it("treats an empty file as all defaults", async () => {
      const scope = nockConfigFile(REPO, "# nothing yet\n");
      await expect(load()).resolves.toMatchObject({ status: "ok", config: { gate: { check: false }, metrics: [] } });
      expect(scope.isDone()).toBe(true);
    });
  });

  describe("when only the owner's .github repository has the file", () => {
    it("uses it", async () => {
      const scopes = [nockConfigFile(REPO, 404), nockConfigFile(".github", "comment: on-change\n")];
      await expect(load()).resolves.toMatchObject({ status: "ok", config: { comment: "on-change" } });
      for (const scope of scopes) expect(scope.isDone()).toBe(true);
    });
  });

  describe("when the file extends another repository's", () => {
    it("merges them, the extending file's top-level keys winning", async () => {
      const scopes = [
        nockConfigFile(REPO, "_extends: platform/kaizen-defaults\ngate: true\n"),
        nockConfigFile("kaizen-defaults", `gate: false\ncomment: on-regression\n${VALID.replace("gate: true", "")}`, { owner: "platform" }),
      ];
      const result = await load();
      expect(result).toMatchObject({ status: "ok", config: { gate: { check: true }, comment: "on-regression", metrics: [{ name: "p95 latency" }] } });
      for (const scope of scopes) expect(scope.isDone()).toBe(true);
    });

    it("reports an _extends value that names no repository", async () => {
      const scope = nockConfigFile(REPO, "_extends: not a repo!\n");
      await expect(load()).resolves.toEqual({
        status: "invalid",
        problems: [{ path: "_extends", message: expect.stringContaining("does not name a repository"), fix: expect.stringContaining("owner/repo") }],
      });
      expect(scope.isDone()).toBe(true);
    });
  });

  describe("when the file has problems", () => {
    it("reports a YAML syntax error with its line and column, without throwing", async () => {
      const scope = nockConfigFile(REPO, "gate: true\nmetrics:\n  - name: a\n   query: b: c\n");
      const result = await load();
      expect(result).toEqual({
        status: "invalid",
        problems: [
          {
            path: "(file)",
            message: expect.stringMatching(/^`\.github\/kaizen\.yml` is not valid YAML at line 4, column \d+: \S/),
            fix: expect.stringContaining("Fix the YAML syntax"),
          },
        ],
      });
      expect(scope.isDone()).toBe(true);
    });

    it("reports a file holding a list instead of options", async () => {
      const scope = nockConfigFile(REPO, "- gate\n");
      await expect(load()).resolves.toEqual({
        status: "invalid",
        problems: [{ path: "(file)", message: expect.stringContaining("a list instead of options"), fix: expect.stringContaining("`key: value`") }],
      });
      expect(scope.isDone()).toBe(true);
    });

    it("reports every invalid field and unknown source", async () => {
      const scope = nockConfigFile(REPO, "gate: maybe\nmetrics:\n  - name: a\n    query: up\n    source: thanos\n");
      const result = await load(undefined, ["prometheus", "victoria"]);
      expect(result.status === "invalid" && result.problems.map((problem) => problem.path)).toEqual(["gate", "metrics[0].source"]);
      expect(scope.isDone()).toBe(true);
    });
  });

  describe("when GitHub fails", () => {
    it("throws once Octokit's own retries are spent, so the job is retried", async () => {
      const scope = nockConfigFile(REPO, 500, { times: TRIES_ON_5XX });
      await expect(load()).rejects.toMatchObject({ status: 500 });
      expect(scope.isDone()).toBe(true);
    });
  });
});
