import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { upsertRadarItem } from "../../src/radar/store/radar-items.js";
import { useTestDatabase } from "../helpers/test-database.js";
import { appEnv, runKaizen } from "./run-kaizen.js";

const REPO = "octo-org/shop";

/** A loopback GitHub Enterprise answering what `kaizen radar review` asks (a child process is out of nock's reach). */
async function startFakeGitHub(): Promise<{ host: string; seen: string[]; created: Array<Record<string, unknown>>; close(): Promise<void> }> {
  const seen: string[] = [];
  const created: Array<Record<string, unknown>> = [];
  const server: Server = createServer((req, res) => {
    let body = "";
    req.on("data", (chunk: Buffer) => (body += chunk.toString()));
    req.on("end", () => {
      const path = decodeURIComponent(new URL(req.url ?? "/", "http://x").pathname);
      seen.push(`${req.method} ${path}`);
      const json = (status: number, data: unknown) => {
        res.writeHead(status, { "content-type": "application/json; charset=utf-8" });
        res.end(JSON.stringify(data));
      };
      if (req.method === "POST" && path === "/api/v3/app/installations/2/access_tokens") {
        return json(201, { token: "ghs_cli", expires_at: new Date(Date.now() + 3600e3).toISOString(), permissions: {} });
      }
      if (req.method === "GET" && path === `/api/v3/repos/${REPO}/installation`) return json(200, { id: 2 });
      if (req.method === "GET" && path === `/api/v3/repos/${REPO}`) return json(200, { id: 700, full_name: REPO });
      if (req.method === "GET" && path === `/api/v3/repos/${REPO}/contents/.github/kaizen.yml`) {
        res.writeHead(200, { "content-type": "text/plain; charset=utf-8" });
        return res.end("radar: {}\n");
      }
      if (req.method === "GET" && path === `/api/v3/repos/${REPO}/issues`) return json(200, [{ number: 1, reactions: { "+1": 2 } }]);
      if (req.method === "POST" && path === `/api/v3/repos/${REPO}/issues`) {
        created.push(JSON.parse(body));
        return json(201, { number: 41, html_url: `http://github.example/${REPO}/issues/41` });
      }
      json(404, { message: "Not Found" });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const host = `127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { host, seen, created, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

describe("kaizen radar review", () => {
  const db = useTestDatabase();
  beforeAll(async () => {
    await upsertRadarItem(db.pool, {
      repoId: 700, owner: "octo-org", repo: "shop", installationId: 2, issueNumber: 1, kind: "radar", title: "TypeScript",
      body: "", url: `http://github.example/${REPO}/issues/1`, ring: "assess", quadrant: "tools", trend: null, impact: null,
      status: "active", thumbsUp: 0, problem: null, announcedProblem: null,
    });
  });

  describe("for a repository with a radar", () => {
    it("opens a review issue through the app's GitHub and records it as on demand", async () => {
      const github = await startFakeGitHub();
      try {
        const env = appEnv(db.url, github.host);
        const run = await runKaizen(["radar", "review", REPO], { env });
        expect(run).toEqual({ code: 0, stdout: `ok  opened http://github.example/${REPO}/issues/41\n`, stderr: "" });
        expect(github.created).toHaveLength(1);
        expect(github.created[0]).toMatchObject({ labels: ["kaizen", "radar-review"] });
        expect(String(github.created[0]!["body"])).toContain("| 2 | [TypeScript]");
        const { rows } = await db.pool.query("select issue_number, period from radar_reviews where repo_id = 700");
        expect(rows).toEqual([{ issue_number: 41, period: null }]);
      } finally {
        await github.close();
      }
    });
  });

  describe("for a repository without a radar", () => {
    it("exits 1 saying so, after GitHub says the app is not installed there", async () => {
      const github = await startFakeGitHub();
      try {
        const env = appEnv(db.url, github.host);
        const run = await runKaizen(["radar", "review", "octo-org/other"], { env });
        expect(run.code).toBe(1);
        expect(run.stderr).toContain("octo-org/other has no radar");
        expect(github.seen).toEqual(["GET /api/v3/repos/octo-org/other/installation"]);
        expect(github.created).toHaveLength(0);
      } finally {
        await github.close();
      }
    });
  });
});
