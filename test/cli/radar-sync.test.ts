import type { LoopbackRequest, LoopbackReply } from "../helpers/loopback-github.js";
import { runKaizen, useCliApp } from "./run-kaizen.js";

const REPO = "octo-org/shop";
const REPO_ID = 710;

/**
 * What `kaizen radar sync` asks of GitHub: the repository's installation, a token, the repository, its config and
 * issues. The app is installed on octo-org/shop (a radar) and octo-org/other (no radar), not on octo-org/missing.
 */
function github({ method, path, query }: LoopbackRequest): LoopbackReply | undefined {
  const repo = /^\/repos\/octo-org\/(shop|other)(\/.*)?$/.exec(path);
  if (method === "POST" && path === "/app/installations/2/access_tokens") {
    return { status: 201, json: { token: "ghs_cli", expires_at: new Date(Date.now() + 3600e3).toISOString(), permissions: {} } };
  }
  if (!repo || method !== "GET") return undefined;
  const [, name, rest = ""] = repo;
  if (rest === "/installation") return { status: 200, json: { id: 2 } };
  if (rest === "") return { status: 200, json: { id: name === "shop" ? REPO_ID : REPO_ID + 1, name, owner: { login: "octo-org" } } };
  if (rest === "/contents/.github/kaizen.yml") return { status: 200, text: name === "shop" ? "radar: {}\n" : "gate: true\n" };
  if (name === "shop" && rest === "/issues" && query.get("state") === "all") {
    const issue = {
      number: 3,
      title: "Feature flags",
      body: "",
      html_url: `http://github.example/${REPO}/issues/3`,
      state: "open",
      labels: [{ name: "radar" }, { name: "ring:trial" }, { name: "quadrant:techniques" }],
      reactions: { "+1": 1 },
      created_at: "2026-10-01T12:00:00Z",
      updated_at: "2026-10-02T12:00:00Z",
    };
    return { status: 200, json: query.get("labels") === "radar" ? [issue] : [] };
  }
  return undefined;
}

describe("kaizen radar sync", () => {
  const app = useCliApp(github);
  const { db, github: loopback } = app;

  it("imports the repository's radar issues through the app's installation, and a second run changes nothing", async () => {
    const first = await runKaizen(["radar", "sync", REPO], { env: app.env });
    expect(first).toEqual({ code: 0, stdout: "ok  1 radar and trend issues read, 1 items created or changed\n", stderr: "" });
    const { rows } = await db.pool.query("select issue_number, ring, quadrant, status, installation_id::int from radar_items where repo_id = $1", [REPO_ID]);
    expect(rows).toEqual([{ issue_number: 3, ring: "trial", quadrant: "techniques", status: "active", installation_id: 2 }]);

    const second = await runKaizen(["radar", "sync", REPO], { env: app.env });
    expect(second).toEqual({ code: 0, stdout: "ok  1 radar and trend issues read, 0 items created or changed\n", stderr: "" });
    // Reads only: no comment, no label.
    expect(loopback.seen.filter((request) => !request.startsWith("GET ") && !request.endsWith("/access_tokens"))).toEqual([]);
  });

  it("exits 1 for a repository whose kaizen.yml has no radar", async () => {
    const run = await runKaizen(["radar", "sync", "octo-org/other"], { env: app.env });
    expect(run).toEqual({
      code: 1,
      stdout: "",
      stderr: "kaizen: octo-org/other has no radar: its kaizen.yml is missing, has problems, or has no radar: section.\n",
    });
  });

  it("exits 1 for a repository the app is not installed on", async () => {
    const run = await runKaizen(["radar", "sync", "octo-org/missing"], { env: app.env });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("kaizen: the app is not installed on octo-org/missing");
  });

  it("exits 2 without the app's credentials", async () => {
    const run = await runKaizen(["radar", "sync", REPO], { env: { DATABASE_URL: db.url } });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("APP_ID and PRIVATE_KEY");
  });
});
