import { forgetKnownRepoConfigs } from "../../src/config/known-repo-config.js";
import { startLoopbackGitHub, type LoopbackGitHub } from "../helpers/loopback-github.js";
import { startKaizen, type RunningKaizen } from "../helpers/start-kaizen.js";
import { waitForJob } from "../helpers/wait-for-job.js";
import { deploymentStatusPayload, INSTALLATION_ID, pushPayload } from "../helpers/webhook-payloads.js";

const REPO_FILE = "/repos/Codertocat/Hello-World/contents/.github/kaizen.yml";
const ORG_FILE = "/repos/Codertocat/.github/contents/.github/kaizen.yml";
const configFor = (environments: string[]) => `deployments:\n  environments: [${environments.join(", ")}]\nmetrics:\n  - name: latency\n    query: latency_seconds\n`;

/**
 * A GitHub whose repository holds `config` (null: no file, nor an org default) under an ETag that changes with it;
 * it answers a matching If-None-Match with 304, as GitHub does, and counts every file read.
 */
async function startConfigGitHub(state: { config: string | null }) {
  const reads: Array<{ path: string; conditional: boolean; status: number }> = [];
  const etag = () => `"${Buffer.from(state.config ?? "").toString("base64url").slice(-16)}"`;
  const github = await startLoopbackGitHub(({ method, path, headers }) => {
    if (method === "POST" && path === `/app/installations/${INSTALLATION_ID}/access_tokens`)
      return { status: 201, json: { token: "ghs_loopback", expires_at: new Date(Date.now() + 3600e3).toISOString(), permissions: {} } };
    if (method !== "GET" || (path !== REPO_FILE && path !== ORG_FILE)) return undefined;
    const conditional = headers["if-none-match"] !== undefined;
    if (path === ORG_FILE || state.config === null) {
      reads.push({ path, conditional, status: 404 });
      return { status: 404, json: { message: "Not Found" } };
    }
    if (headers["if-none-match"] === etag()) {
      reads.push({ path, conditional, status: 304 });
      return { status: 304, headers: { etag: etag() } };
    }
    reads.push({ path, conditional, status: 200 });
    return { status: 200, text: state.config, headers: { etag: etag() } };
  });
  return { github, reads };
}

describe("the repository config cache", () => {
  const state: { config: string | null } = { config: configFor(["production"]) };
  let github: LoopbackGitHub;
  let reads: Awaited<ReturnType<typeof startConfigGitHub>>["reads"];
  let kaizen: RunningKaizen;
  let nextStatus = 1000;

  /** A successful status, deployed now: planning schedules its evaluation for later, which no worker takes here. */
  async function deploy(environment = "production"): Promise<number> {
    const statusId = nextStatus++;
    const payload = deploymentStatusPayload({ statusId, deploymentId: statusId, environment, createdAt: new Date() });
    await kaizen.probot.receive({ id: `d-${statusId}`, name: "deployment_status", payload } as never);
    return statusId;
  }

  async function evaluation(statusId: number): Promise<{ id: string; state: string } | null> {
    const { rows } = await kaizen.pool.query<{ id: string; state: string }>("select id::text, state from evaluations where github_status_id = $1", [statusId]);
    return rows[0] ?? null;
  }

  async function planned(statusId: number): Promise<string> {
    const row = await evaluation(statusId);
    await waitForJob(kaizen.pool, "plan-evaluation", row!.id);
    return (await evaluation(statusId))!.state;
  }

  beforeEach(async () => {
    ({ github, reads } = await startConfigGitHub(state));
    kaizen = await startKaizen({ baseUrl: `http://${github.host}/api/v3`, configFreshSeconds: 600, idleJobs: ["evaluate-deployment"] });
  });
  afterEach(async () => {
    await kaizen.stop();
    await github.close();
    state.config = configFor(["production"]);
    // Each test has a database of its own; the intake's memory of the last one must not carry over.
    forgetKnownRepoConfigs();
  });

  describe("for repeated deployments of a configured repository", () => {
    it("reads kaizen.yml from GitHub once for a hundred deliveries", async () => {
      const ids: number[] = [];
      for (let i = 0; i < 100; i++) ids.push(await deploy());
      for (const id of ids) expect(await planned(id)).toBe("scheduled");

      expect(reads).toEqual([{ path: REPO_FILE, conditional: false, status: 200 }]);
      expect(reads.length / ids.length).toBeLessThanOrEqual(0.01);
    }, 120_000);
  });

  describe("for an environment the repository does not evaluate", () => {
    it("answers without a write once the config is known, and without asking GitHub", async () => {
      expect(await planned(await deploy())).toBe("scheduled");
      const staging = await deploy("staging");
      expect(await evaluation(staging)).toBeNull();
      const { rows } = await kaizen.pool.query<{ n: number }>("select count(*)::int as n from deployments");
      expect(rows[0]!.n).toBe(1);
      expect(reads).toHaveLength(1);
    });
  });

  describe("for a repository with no config", () => {
    it("asks GitHub once (its file and the org default) and answers later deliveries without a write", async () => {
      state.config = null;
      expect(await planned(await deploy())).toBe("skipped");
      for (let i = 0; i < 20; i++) expect(await evaluation(await deploy())).toBeNull();

      expect(reads.map((r) => `${r.path} ${r.status}`)).toEqual([`${REPO_FILE} 404`, `${ORG_FILE} 404`]);
    });
  });

  describe("when a push to the default branch changes kaizen.yml", () => {
    it("reads it again at the next delivery, and evaluates the newly listed environment", async () => {
      expect(await planned(await deploy())).toBe("scheduled");
      state.config = configFor(["production", "staging"]);
      await kaizen.probot.receive({ id: "push-1", name: "push", payload: pushPayload({ modified: [".github/kaizen.yml"] }) } as never);

      expect(await planned(await deploy("staging"))).toBe("scheduled");
      expect(reads.map((r) => r.status)).toEqual([200, 200]);
    });

    it("keeps the cached copy for a push to another branch or of other files", async () => {
      expect(await planned(await deploy())).toBe("scheduled");
      await kaizen.probot.receive({ id: "push-2", name: "push", payload: pushPayload({ modified: [".github/kaizen.yml"], branch: "feature" }) } as never);
      await kaizen.probot.receive({ id: "push-3", name: "push", payload: pushPayload({ modified: ["README.md"] }) } as never);
      expect(await planned(await deploy())).toBe("scheduled");
      expect(reads).toHaveLength(1);
    });
  });

  describe("once the cached copy is stale", () => {
    it("revalidates it with If-None-Match, and a 304 serves the cached file", async () => {
      expect(await planned(await deploy())).toBe("scheduled");
      await kaizen.pool.query("update github_file_cache set checked_at = now() - interval '1 hour'");
      expect(await planned(await deploy())).toBe("scheduled");

      expect(reads).toEqual([
        { path: REPO_FILE, conditional: false, status: 200 },
        { path: REPO_FILE, conditional: true, status: 304 },
      ]);
    });
  });
});
