import nock from "nock";
import { jobId } from "../../src/queue/create-queue.js";
import { EXAMPLE_REPO, nockConfig } from "../helpers/nock-app.js";
import { GITHUB_API, TEST_APP, nockCreateComment, nockListComments } from "../helpers/nock-github.js";
import { type RunningKaizen } from "../helpers/start-kaizen.js";
import { useKaizen } from "../helpers/use-kaizen.js";
import { INSTALLATION_ID, type IssuesOptions, issuesPayload } from "../helpers/webhook-payloads.js";

type Action = Parameters<typeof issuesPayload>[0];
const CONFIG = "radar: {}\n";
const REPO_ID = 186853002; // Codertocat/Hello-World in the examples
const OTHER_REPO = { owner: "octo-org", repo: "octo-repo" } as const;
const issueUrl = (n: number) => `https://github.com/Codertocat/Hello-World/issues/${n}`;
const at = (minute: number) => new Date(Date.UTC(2026, 10, 2, 9, minute));

/** The DELETE of one label, as Octokit encodes its name. */
function nockRemoveLabel(issueNumber: number, name: string): nock.Scope {
  return nock(GITHUB_API)
    .delete(`/repos/${EXAMPLE_REPO.owner}/${EXAMPLE_REPO.repo}/issues/${issueNumber}/labels/${encodeURIComponent(name)}`)
    .reply(200, []);
}

/** A new comment on the issue: the conversation is searched for its marker first (none there), then it is posted. */
function nockNewComment(issueNumber: number, sent: Array<Record<string, unknown>>, id = 9000 + issueNumber): void {
  nockListComments({ ...EXAMPLE_REPO, issueNumber, pages: [[]] });
  nockCreateComment({ ...EXAMPLE_REPO, issueNumber, id, sent });
}

/** Waits for the delivery's job to complete; a retry fails the test unless `retries` allows it. */
async function waitForJob(pool: RunningKaizen["pool"], deliveryId: string, retries = false): Promise<void> {
  const id = jobId("sync-radar-item", deliveryId);
  for (;;) {
    const { rows } = await pool.query<{ state: string; output: unknown }>("select state, output from pgboss.job where id = $1", [id]);
    const state = rows[0]?.state;
    if (state === "completed") return;
    if (state === "failed" || (state === "retry" && !retries)) throw new Error(`sync-radar-item ${deliveryId}: ${JSON.stringify(rows[0]?.output)}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe("issues events", () => {
  // After each test: every scope it set up was used (each event read the config once), and nothing else was left waiting.
  const kaizen = useKaizen({ accessToken: INSTALLATION_ID });
  let delivery = 0;

  /** Delivers the webhook and waits for its job to finish; returns the delivery id. */
  async function deliver(action: Action, options: IssuesOptions, id = `delivery-${++delivery}`): Promise<string> {
    await kaizen.probot.receive({ id, name: "issues", payload: issuesPayload(action, options) as never });
    await waitForJob(kaizen.pool, id);
    return id;
  }

  async function item(issueNumber: number, repoId = REPO_ID) {
    const { rows } = await kaizen.pool.query(
      "select ring, quadrant, status, problem, announced_problem from radar_items where repo_id = $1 and issue_number = $2",
      [repoId, issueNumber],
    );
    return rows[0];
  }

  async function movements(issueNumber: number) {
    const { rows } = await kaizen.pool.query(
      `select m.field, m.from_value as "from", m.to_value as "to", m.actor, m.source, m.link, m.moved_at as "movedAt",
              m.announcement_comment_id::int as "commentId"
       from radar_movements m join radar_items i on i.id = m.item_id
       where i.repo_id = $1 and i.issue_number = $2 order by m.id`,
      [REPO_ID, issueNumber],
    );
    return rows;
  }

  /** Opens a valid item in Assess, Tools (one config read, nothing posted). */
  async function openItem(issueNumber: number): Promise<void> {
    nockConfig(CONFIG);
    await deliver("opened", { issueNumber, labels: ["radar", "ring:assess", "quadrant:tools"], sender: "alice", at: at(0) });
  }

  /**
   * Adds `added` to an item in Assess, Tools as `sender` at minute 5: the config is read, `removed` is removed by the
   * bot and the move announced in a new comment (its body pushed to `sent`). Returns the webhook's options.
   */
  async function moveByLabel(issueNumber: number, added: string, removed: string, sender: string, sent: Array<Record<string, unknown>>): Promise<IssuesOptions> {
    nockConfig(CONFIG);
    nockRemoveLabel(issueNumber, removed);
    nockNewComment(issueNumber, sent);
    const options = { issueNumber, labels: ["radar", "ring:assess", "quadrant:tools", added], label: added, sender, at: at(5) };
    await deliver("labeled", options, `move-${issueNumber}`);
    return options;
  }

  describe("opened with one ring and one quadrant label", () => {
    it("stores an active item with its first placement as history, and posts nothing", async () => {
      await openItem(10);
      expect(await item(10)).toEqual({ ring: "assess", quadrant: "tools", status: "active", problem: null, announced_problem: null });
      expect(await movements(10)).toEqual([
        { field: "ring", from: null, to: "assess", actor: "alice", source: "label", link: issueUrl(10), movedAt: at(0), commentId: null },
        { field: "quadrant", from: null, to: "tools", actor: "alice", source: "label", link: issueUrl(10), movedAt: at(0), commentId: null },
        { field: "status", from: "pending", to: "active", actor: "alice", source: "label", link: issueUrl(10), movedAt: at(0), commentId: null },
      ]);
    });

    it("keeps the radar's rings and quadrants as the config gave them, for the dashboard", async () => {
      const { rows } = await kaizen.pool.query("select rings, quadrants from radar_layouts");
      expect(rows).toEqual([{ rings: ["adopt", "trial", "assess", "hold"], quadrants: ["techniques", "tools", "platforms", "languages-and-frameworks"] }]);
    });
  });

  describe("labeled with another ring", () => {
    it("moves the item: removes the old ring label, records one movement and announces it once", async () => {
      await openItem(11);
      const sent: Array<Record<string, unknown>> = [];
      await moveByLabel(11, "ring:trial", "ring:assess", "bob", sent);

      // GitHub then sends the unlabeled event of the bot's own removal: read, and ignored.
      nockConfig(CONFIG);
      await deliver("unlabeled", { issueNumber: 11, labels: ["radar", "quadrant:tools", "ring:trial"], label: "ring:assess", sender: "kaizen-test[bot]", at: at(6) });

      expect(await item(11)).toMatchObject({ ring: "trial", quadrant: "tools", status: "active", problem: null });
      const moves = (await movements(11)).filter((m) => m.movedAt > at(0));
      expect(moves).toEqual([
        { field: "ring", from: "assess", to: "trial", actor: "bob", source: "label", link: issueUrl(11), movedAt: at(5), commentId: 9011 },
      ]);
      expect(sent).toHaveLength(1);
      expect(sent[0]!["body"]).toMatch(/^<!-- kaizen:radar-moved:\d+ -->\nMoved \*\*Assess → Trial\*\* by @bob\.\n$/);
    });

    it("does not take another app's bot removing the ring label for Kaizen's own move (issue 10, item 11)", async () => {
      await openItem(15);
      const sent: Array<Record<string, unknown>> = [];
      nockConfig(CONFIG);
      nockNewComment(15, sent);
      await deliver("unlabeled", { issueNumber: 15, labels: ["radar", "quadrant:tools"], label: "ring:assess", sender: "other-app[bot]", at: at(6) });

      // Read like anyone's label change: the item lost its ring, so Kaizen keeps the last one and explains.
      expect(await item(15)).toMatchObject({ ring: "assess", quadrant: "tools" });
      expect(sent).toHaveLength(1);
    });

    it("ignores a redelivery: the queue keeps one job per delivery, and the job skips a delivery synced before", async () => {
      await openItem(12);
      const sent: Array<Record<string, unknown>> = [];
      const options = await moveByLabel(12, "ring:hold", "ring:assess", "bob", sent);
      const id = "move-12";

      // Redelivered while the queue still has the job: nothing is queued, nothing is called.
      await kaizen.probot.receive({ id, name: "issues", payload: issuesPayload("labeled", options) as never });
      // Redelivered after the queue forgot the job: it runs, and finds the delivery synced (no config read, no call).
      await kaizen.pool.query("delete from pgboss.job where id = $1", [jobId("sync-radar-item", id)]);
      await deliver("labeled", options, id);

      expect(sent).toHaveLength(1);
      expect((await movements(12)).filter((m) => m.field === "ring" && m.from !== null)).toHaveLength(1);
      expect(await item(12)).toMatchObject({ ring: "hold" });
    });
  });

  describe("when the announcement fails after GitHub stored it", () => {
    it("finds it on the retry by its marker instead of posting twice, and records nothing twice", async () => {
      await openItem(14);
      const sent: Array<Record<string, unknown>> = [];
      nockConfig(CONFIG);
      nockRemoveLabel(14, "ring:assess");
      nockListComments({ ...EXAMPLE_REPO, issueNumber: 14, pages: [[]] });
      // The comment is created, but the answer is lost: the job fails and is retried.
      nock(GITHUB_API).post("/repos/Codertocat/Hello-World/issues/14/comments").reply(502, { message: "Bad Gateway" });
      nock(GITHUB_API)
        .get("/repos/Codertocat/Hello-World/issues/14/comments")
        .query({ per_page: "100" })
        .reply(200, async () => {
          const { rows } = await kaizen.pool.query("select id from radar_movements where idempotency_key = 'move-14:ring'");
          const app = { user: { login: `${TEST_APP.slug}[bot]`, type: "Bot" }, performed_via_github_app: { id: TEST_APP.id } };
          return [{ id: 777, body: `<!-- kaizen:radar-moved:${String(rows[0].id)} -->\nMoved **Assess → Trial** by @bob.`, ...app }];
        });
      nock(GITHUB_API).patch("/repos/Codertocat/Hello-World/issues/comments/777", (body: Record<string, unknown>) => sent.push(body) > 0).reply(200, { id: 777 });

      const labels = ["radar", "ring:assess", "quadrant:tools", "ring:trial"];
      const id = "move-14";
      await kaizen.probot.receive({ id, name: "issues", payload: issuesPayload("labeled", { issueNumber: 14, labels, label: "ring:trial", sender: "bob", at: at(5) }) as never });
      await waitForJob(kaizen.pool, id, true);

      expect(sent).toHaveLength(1);
      expect((await movements(14)).filter((m) => m.movedAt > at(0))).toEqual([
        expect.objectContaining({ field: "ring", from: "assess", to: "trial", commentId: 777 }),
      ]);
    });
  });

  describe("labeled with another quadrant", () => {
    it("moves the item to that quadrant, removes the old quadrant label and announces it once", async () => {
      await openItem(13);
      const sent: Array<Record<string, unknown>> = [];
      await moveByLabel(13, "quadrant:platforms", "quadrant:tools", "carol", sent);

      expect(await item(13)).toMatchObject({ ring: "assess", quadrant: "platforms", status: "active" });
      expect((await movements(13)).filter((m) => m.from !== null && m.field !== "status")).toEqual([
        expect.objectContaining({ field: "quadrant", from: "tools", to: "platforms", actor: "carol", commentId: 9013 }),
      ]);
      expect(sent.map((b) => b["body"])).toEqual([expect.stringContaining("Moved to another quadrant: **Tools → Platforms** by @carol.")]);
    });
  });

  describe("with labels that cannot place the item", () => {
    it("keeps a new item pending with two ring labels, explains once, and places it once one is removed", async () => {
      const sent: Array<Record<string, unknown>> = [];
      const twoRings = ["radar", "ring:assess", "ring:trial", "quadrant:tools"];
      nockConfig(CONFIG);
      nockNewComment(20, sent);
      await deliver("opened", { issueNumber: 20, labels: twoRings, sender: "alice", at: at(0) });
      // GitHub also sends a labeled event per label the issue was opened with: same problem, no second comment.
      nockConfig(CONFIG);
      await deliver("labeled", { issueNumber: 20, labels: twoRings, label: "ring:trial", sender: "alice", at: at(0) });

      expect(await item(20)).toMatchObject({ ring: null, quadrant: null, status: "pending" });
      expect(await movements(20)).toEqual([]);
      expect(sent).toHaveLength(1);
      expect(sent[0]!["body"]).toMatchSnapshot();

      nockConfig(CONFIG);
      await deliver("unlabeled", { issueNumber: 20, labels: ["radar", "ring:trial", "quadrant:tools"], label: "ring:assess", sender: "alice", at: at(3) });
      expect(await item(20)).toMatchObject({ ring: "trial", quadrant: "tools", status: "active", problem: null });
    });

    it("keeps the last valid placement when an unknown ring label is added, and explains once", async () => {
      await openItem(21);
      const sent: Array<Record<string, unknown>> = [];
      const labels = ["radar", "ring:assess", "quadrant:tools", "ring:explore"];
      nockConfig(CONFIG);
      nockNewComment(21, sent);
      await deliver("labeled", { issueNumber: 21, labels, label: "ring:explore", sender: "bob", at: at(4) });
      nockConfig(CONFIG);
      await deliver("edited", { issueNumber: 21, labels, sender: "bob", at: at(5) });

      expect(await item(21)).toMatchObject({ ring: "assess", quadrant: "tools", status: "active" });
      expect(await item(21)).toMatchObject({ problem: expect.stringContaining("`ring:explore` is not a ring") });
      expect((await movements(21)).filter((m) => m.movedAt > at(0))).toEqual([]);
      expect(sent).toHaveLength(1);
      expect(sent[0]!["body"]).toMatchSnapshot();
    });

    it("keeps a new item without a quadrant pending and says which labels to add", async () => {
      const sent: Array<Record<string, unknown>> = [];
      nockConfig(CONFIG);
      nockNewComment(22, sent);
      await deliver("opened", { issueNumber: 22, labels: ["radar", "ring:assess"], sender: "alice", at: at(0) });

      expect(await item(22)).toMatchObject({ ring: null, status: "pending" });
      expect(sent[0]!["body"]).toContain("It has no quadrant label: add one of `quadrant:techniques`");
    });
  });

  describe("closed and reopened", () => {
    it("retires the item with its history kept, and brings it back", async () => {
      await openItem(30);
      const labels = ["radar", "ring:assess", "quadrant:tools"];
      nockConfig(CONFIG);
      await deliver("closed", { issueNumber: 30, labels, sender: "dave", at: at(10) });
      expect(await item(30)).toMatchObject({ ring: "assess", status: "retired" });
      nockConfig(CONFIG);
      await deliver("reopened", { issueNumber: 30, labels, sender: "erin", at: at(20) });

      expect(await item(30)).toMatchObject({ ring: "assess", quadrant: "tools", status: "active" });
      expect((await movements(30)).filter((m) => m.field === "status").map((m) => [m.from, m.to, m.source, m.actor])).toEqual([
        ["pending", "active", "label", "alice"],
        ["active", "retired", "close", "dave"],
        ["retired", "active", "reopen", "erin"],
      ]);
    });
  });

  describe("deleted or transferred", () => {
    it("marks a deleted issue's item gone", async () => {
      await openItem(40);
      nockConfig(CONFIG);
      await deliver("deleted", { issueNumber: 40, sender: "dave", at: at(30) });
      expect(await item(40)).toMatchObject({ status: "gone", ring: "assess" });
      expect((await movements(40)).at(-1)).toMatchObject({ field: "status", from: "active", to: "gone", source: "delete" });
    });

    it("marks a transferred issue's item gone here; the new repository's opened event makes it an item there", async () => {
      await openItem(41);
      nockConfig(CONFIG);
      await deliver("transferred", { issueNumber: 41, sender: "dave", at: at(30) });
      expect(await item(41)).toMatchObject({ status: "gone" });
      expect((await movements(41)).at(-1)).toMatchObject({ from: "active", to: "gone", source: "transfer" });

      nockConfig(CONFIG, OTHER_REPO);
      await deliver("opened", { otherRepo: true, issueNumber: 7, labels: ["radar", "ring:assess", "quadrant:tools"], sender: "dave", at: at(31) });
      const { rows } = await kaizen.pool.query("select owner, repo, status, ring from radar_items where issue_number = 7");
      expect(rows).toEqual([{ ...OTHER_REPO, status: "active", ring: "assess" }]);
    });
  });

  describe("on a repository without a radar", () => {
    it.each([
      ["a kaizen.yml without `radar:`", 50, () => nockConfig("comment: on-change\n")],
      ["no kaizen.yml", 51, () => nockConfig(null)],
    ])("with %s: reads the config and does nothing else", async (_case, issueNumber, nockFile) => {
      const config = nockFile();
      await deliver("opened", { issueNumber, labels: ["radar", "ring:assess"] });
      expect(config.isDone()).toBe(true);
      expect(await item(issueNumber)).toBeUndefined();
    });
  });
});
