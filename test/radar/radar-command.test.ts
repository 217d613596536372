import nock from "nock";
import { radarCommand } from "../../src/radar/radar-command.js";
import { EXAMPLE_REPO, nockConfig } from "../helpers/nock-app.js";
import { GITHUB_API, nockCreateComment, nockListComments, nockUpdateComment } from "../helpers/nock-github.js";
import { useKaizen } from "../helpers/use-kaizen.js";
import { waitForJob } from "../helpers/wait-for-job.js";
import { INSTALLATION_ID, issueCommentPayload, issuesPayload, type IssueCommentOptions, type IssuesOptions } from "../helpers/webhook-payloads.js";

const CONFIG = "radar: {}\n";
const REPO_ID = 186853002; // Codertocat/Hello-World in the examples
const AUTHOR = "Codertocat"; // the examples' commenter
const PLACED = ["radar", "ring:assess", "quadrant:tools"];
const REPO_PATH = `/repos/${EXAMPLE_REPO.owner}/${EXAMPLE_REPO.repo}`;
const at = (minute: number) => new Date(Date.UTC(2026, 10, 2, 9, minute));
type Sent = Array<Record<string, unknown>>;

function nockPermission(login: string, permission: string, roleName = permission): nock.Scope {
  return nock(GITHUB_API).get(`${REPO_PATH}/collaborators/${login}/permission`).reply(200, { permission, role_name: roleName, user: { login } });
}

function nockRemoveLabel(issueNumber: number, name: string): nock.Scope {
  return nock(GITHUB_API).delete(`${REPO_PATH}/issues/${issueNumber}/labels/${encodeURIComponent(name)}`).reply(200, []);
}

function nockAddLabels(issueNumber: number, sent: Sent): nock.Scope {
  return nock(GITHUB_API)
    .post(`${REPO_PATH}/issues/${issueNumber}/labels`, (body: Record<string, unknown>) => sent.push(body) > 0)
    .reply(200, []);
}

describe("issue_comment.created with /radar on a repository with a radar", () => {
  // After each test: every scope it set up was used; anything unexpected would have failed its job.
  const kaizen = useKaizen({ accessToken: INSTALLATION_ID });
  let delivery = 0;

  async function issues(action: Parameters<typeof issuesPayload>[0], options: IssuesOptions): Promise<void> {
    const id = `issues-${++delivery}`;
    await kaizen.probot.receive({ id, name: "issues", payload: issuesPayload(action, options) as never });
    await waitForJob(kaizen.pool, "sync-radar-item", id);
  }

  async function comment(options: IssueCommentOptions): Promise<void> {
    const payload = issueCommentPayload({ at: at(10), ...options });
    await kaizen.probot.receive({ id: `comment-${++delivery}`, name: "issue_comment", payload: payload as never });
    await waitForJob(kaizen.pool, "radar-command", String(options.commentId));
  }

  /** A valid item in Assess, Tools, opened by alice (one config read, nothing posted). */
  async function openItem(issueNumber: number): Promise<void> {
    nockConfig(CONFIG);
    await issues("opened", { issueNumber, labels: PLACED, sender: "alice", at: at(0) });
  }

  async function ring(issueNumber: number): Promise<string | null> {
    const { rows } = await kaizen.pool.query("select ring from radar_items where repo_id = $1 and issue_number = $2", [REPO_ID, issueNumber]);
    return rows[0]?.ring ?? null;
  }

  async function movesAfterOpening(issueNumber: number) {
    const { rows } = await kaizen.pool.query(
      `select m.field, m.from_value as "from", m.to_value as "to", m.actor, m.reason, m.source, m.link,
              m.announcement_comment_id::int as "commentId"
       from radar_movements m join radar_items i on i.id = m.item_id
       where i.repo_id = $1 and i.issue_number = $2 and m.moved_at > $3 order by m.id`,
      [REPO_ID, issueNumber, at(0)],
    );
    return rows;
  }

  describe("by someone with write access", () => {
    it("moves the item: the ring labels swapped, one movement with the reason, announced once", async () => {
      await openItem(20);
      const labelsSent: Sent = [];
      const commentsSent: Sent = [];
      nockConfig(CONFIG);
      nockPermission(AUTHOR, "write");
      nockRemoveLabel(20, "ring:assess");
      nockAddLabels(20, labelsSent);
      nockListComments({ ...EXAMPLE_REPO, issueNumber: 20, pages: [[]] });
      nockCreateComment({ ...EXAMPLE_REPO, issueNumber: 20, id: 7020, sent: commentsSent });

      await comment({ commentId: 4020, issueNumber: 20, labels: PLACED, body: "/radar move Trial — two teams run it in production" });

      expect(await ring(20)).toBe("trial");
      expect(labelsSent).toEqual([{ labels: ["ring:trial"] }]);
      const { rows } = await kaizen.pool.query("select id from radar_movements where idempotency_key = 'comment:4020:ring'");
      expect(commentsSent.map((c) => c["body"])).toEqual([
        `<!-- kaizen:radar-moved:${rows[0].id} -->\nMoved **Assess → Trial** by @Codertocat: two teams run it in production\n`,
      ]);
      const move = {
        field: "ring",
        from: "assess",
        to: "trial",
        actor: AUTHOR,
        reason: "two teams run it in production",
        source: "command",
        link: "https://github.com/Codertocat/Hello-World/issues/20#issuecomment-4020",
        commentId: 7020,
      };
      expect(await movesAfterOpening(20)).toEqual([move]);

      // GitHub then sends the label events of the bot's own changes: the item is in Trial already, so the label
      // sync records nothing and posts nothing (any GitHub call but the config read would fail the job).
      nockConfig(CONFIG);
      await issues("unlabeled", { issueNumber: 20, labels: ["radar", "quadrant:tools"], label: "ring:assess", sender: "kaizen-test[bot]", at: at(11) });
      nockConfig(CONFIG);
      await issues("labeled", { issueNumber: 20, labels: ["radar", "quadrant:tools", "ring:trial"], label: "ring:trial", sender: "kaizen-test[bot]", at: at(11) });
      expect(await ring(20)).toBe("trial");
      expect(await movesAfterOpening(20)).toEqual([move]);
    });

    it("accepts maintainers and admins, whose permission GitHub reports as write or admin", async () => {
      await openItem(21);
      nockConfig(CONFIG);
      nockPermission(AUTHOR, "write", "maintain");
      nockRemoveLabel(21, "ring:assess");
      nockAddLabels(21, []);
      nockListComments({ ...EXAMPLE_REPO, issueNumber: 21, pages: [[]] });
      nockCreateComment({ ...EXAMPLE_REPO, issueNumber: 21, id: 7021 });
      await comment({ commentId: 4021, issueNumber: 21, labels: PLACED, body: "/radar move hold -- superseded by the platform team's offer" });

      expect(await ring(21)).toBe("hold");
      expect(await movesAfterOpening(21)).toMatchObject([{ from: "assess", to: "hold", reason: "superseded by the platform team's offer" }]);
    });

    it("does nothing again for a redelivery of the comment, or for the same comment run again", async () => {
      await openItem(22);
      nockConfig(CONFIG);
      nockPermission(AUTHOR, "admin");
      nockRemoveLabel(22, "ring:assess");
      nockAddLabels(22, []);
      nockListComments({ ...EXAMPLE_REPO, issueNumber: 22, pages: [[]] });
      nockCreateComment({ ...EXAMPLE_REPO, issueNumber: 22, id: 7022 });
      const options = { commentId: 4022, issueNumber: 22, labels: PLACED, body: "/radar move adopt - the default now" };
      await comment(options);
      const moved = await movesAfterOpening(22);
      expect(moved).toHaveLength(1);

      // The redelivery maps to the job that ran (one job per comment id) …
      const payload = issueCommentPayload({ at: at(10), ...options });
      await kaizen.probot.receive({ id: `comment-${++delivery}`, name: "issue_comment", payload: payload as never });
      const { rows } = await kaizen.pool.query("select count(*)::int as n from pgboss.job where name = 'radar-command' and data->>'commentId' = '4022'");
      expect(rows[0].n).toBe(1);
      // … and the job itself, run again, finds the comment handled before it asks GitHub anything.
      await radarCommand(kaizen.probot, kaizen.deps, {
        installationId: INSTALLATION_ID,
        repoId: REPO_ID,
        ...EXAMPLE_REPO,
        issueNumber: 22,
        labels: PLACED,
        commentId: 4022,
        commentUrl: "https://github.com/Codertocat/Hello-World/issues/22#issuecomment-4022",
        body: options.body,
        login: AUTHOR,
        at: at(10).toISOString(),
      });
      expect(await movesAfterOpening(22)).toEqual(moved);
      expect(await ring(22)).toBe("adopt");
    });
  });

  describe("by someone without write access", () => {
    it.each([
      ["read access", 23, () => nockPermission("mallory", "read")],
      ["no access GitHub knows of", 24, () => nock(GITHUB_API).get(`${REPO_PATH}/collaborators/mallory/permission`).reply(404, { message: "Not Found" })],
    ])("with %s, replies once with a refusal and moves nothing", async (_what, issueNumber, nockAccess) => {
      await openItem(issueNumber);
      const sent: Sent = [];
      nockConfig(CONFIG);
      nockAccess();
      nockListComments({ ...EXAMPLE_REPO, issueNumber, pages: [[]] });
      nockCreateComment({ ...EXAMPLE_REPO, issueNumber, sent });
      await comment({ commentId: 4000 + issueNumber, issueNumber, labels: PLACED, login: "mallory", body: "/radar move adopt — I like it" });

      expect(sent.map((c) => c["body"])).toEqual([
        "<!-- kaizen:radar-refused:mallory -->\n@mallory, moving radar items takes write access to this repository, so this item stays in **Assess**. Someone with write access can run the command, or add the `ring:adopt` label.\n",
      ]);
      expect(await ring(issueNumber)).toBe("assess");
      expect(await movesAfterOpening(issueNumber)).toEqual([]);
    });
  });

  describe("repeated by someone without write access (issue 10: /radar as a spam amplifier)", () => {
    it("answers a command that moves nothing with silence, and repeated moves by updating the one refusal", async () => {
      await openItem(25);
      nockConfig(CONFIG);
      nockPermission("mallory", "read");
      await comment({ commentId: 4025, issueNumber: 25, labels: PLACED, login: "mallory", body: "/radar move" });

      const refusal = "<!-- kaizen:radar-refused:mallory -->\nearlier refusal";
      const sent: Sent = [];
      nockConfig(CONFIG);
      nockPermission("mallory", "read");
      nockListComments({ ...EXAMPLE_REPO, issueNumber: 25, pages: [[{ id: 9025, body: "/radar move adopt — again", author: "mallory" }, { id: 9026, body: refusal }]] });
      nockUpdateComment({ ...EXAMPLE_REPO, commentId: 9026, sent });
      await comment({ commentId: 4026, issueNumber: 25, labels: PLACED, login: "mallory", body: "/radar move adopt — again" });

      expect(sent).toHaveLength(1);
      expect(await ring(25)).toBe("assess");
    });
  });

  describe("that cannot be carried out", () => {
    it.each([
      ["an unknown ring", 30, "/radar move later — someday", "@Codertocat, `later` is not a ring of this radar."],
      [
        "no reason",
        31,
        "/radar move trial",
        "@Codertocat, please say why it moves to Trial: write the reason after the ring, so the radar remembers it.",
      ],
      ["no ring", 32, "/radar move", "@Codertocat, I can only move a radar item, given a ring and a reason."],
      ["the ring the item is in", 33, "/radar move assess — still assessing", "@Codertocat, this item is in Assess already, so nothing moved."],
    ])("with %s, replies how to write the command to a writer, moving nothing", async (_what, issueNumber, body, problem) => {
      await openItem(issueNumber);
      const sent: Sent = [];
      nockConfig(CONFIG);
      nockListComments({ ...EXAMPLE_REPO, issueNumber, pages: [[]] });
      nockPermission("Codertocat", "write");
      nockCreateComment({ ...EXAMPLE_REPO, issueNumber, sent });
      await comment({ commentId: 4000 + issueNumber, issueNumber, labels: PLACED, body });

      expect(sent.map((c) => c["body"])).toEqual([
        `<!-- kaizen:radar-reply:${4000 + issueNumber} -->\n${problem}\n\nWrite \`/radar move <ring> — <reason>\`, where the ring is one of \`adopt\`, \`trial\`, \`assess\`, \`hold\`, for example \`/radar move trial — two teams run it in production\`.\n`,
      ]);
      expect(await ring(issueNumber)).toBe("assess");
      expect(await movesAfterOpening(issueNumber)).toEqual([]);
    });

    it("on an issue that is not a radar item, says which label to add", async () => {
      const sent: Sent = [];
      nockConfig(CONFIG);
      nockListComments({ ...EXAMPLE_REPO, issueNumber: 40, pages: [[]] });
      nockPermission("Codertocat", "write");
      nockCreateComment({ ...EXAMPLE_REPO, issueNumber: 40, sent });
      await comment({ commentId: 4040, issueNumber: 40, labels: ["bug"], body: "/radar move trial — worth a try" });

      expect(sent.map((c) => c["body"])).toEqual([expect.stringMatching(/^<!-- kaizen:radar-reply:4040 -->\n@Codertocat, this issue is not a radar item: add the `radar` label with a ring and a quadrant label first\.\n/)]);
      expect(await ring(40)).toBeNull();
    });
  });

  describe("on a repository whose kaizen.yml has no radar: section", () => {
    it("reads the config and does nothing else", async () => {
      nockConfig("deployments:\n  environments: [production]\n");
      await comment({ commentId: 4100, issueNumber: 5, labels: PLACED, body: "/radar move trial — why not" });
      const { rows } = await kaizen.pool.query("select count(*)::int as n from radar_items where issue_number = 5");
      expect(rows[0].n).toBe(0);
    });
  });

  describe("comments the command ignores", () => {
    it("queues nothing for a comment not starting with /radar, one on a pull request, or one by a bot", async () => {
      const ignored = [
        issueCommentPayload({ commentId: 4050, body: "Should we /radar move trial — maybe?" }),
        issueCommentPayload({ commentId: 4051, body: "/radar move trial — from a PR", pull: true }),
        issueCommentPayload({ commentId: 4052, body: "/radar move trial — a bot", login: "other-app[bot]" }),
      ];
      ignored[2]!["sender"].type = "Bot";
      for (const payload of ignored) await kaizen.probot.receive({ id: `comment-${++delivery}`, name: "issue_comment", payload: payload as never });
      const { rows } = await kaizen.pool.query("select count(*)::int as n from pgboss.job where name = 'radar-command' and (data->>'commentId')::int between 4050 and 4052");
      expect(rows[0].n).toBe(0);
    });
  });
});
