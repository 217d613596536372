import { loadRadar } from "../../src/radar/load-radar.js";
import { EXAMPLE_REPO, nockConfig } from "../helpers/nock-app.js";
import { nockCreateComment, nockListComments } from "../helpers/nock-github.js";
import { useKaizen } from "../helpers/use-kaizen.js";
import { waitForJob } from "../helpers/wait-for-job.js";
import { INSTALLATION_ID, issuesPayload, type IssuesOptions } from "../helpers/webhook-payloads.js";

const CONFIG = "radar: {}\n";
const REPO_ID = 186853002; // Codertocat/Hello-World in the examples
const TREND = ["market-trend", "trend:rising", "impact:high"];
const at = (minute: number) => new Date(Date.UTC(2026, 10, 2, 9, minute));
type Action = Parameters<typeof issuesPayload>[0];
type Sent = Array<Record<string, unknown>>;

describe("issues events on market trends", () => {
  // After each test: every scope it set up was used; any GitHub call not mocked would have failed its job.
  const kaizen = useKaizen({ accessToken: INSTALLATION_ID });
  let delivery = 0;
  let minute = 0;

  /** Delivers the event (each one later than the last) after the config read it causes, and waits for its job. */
  async function deliver(action: Action, options: IssuesOptions): Promise<void> {
    const id = `delivery-${++delivery}`;
    nockConfig(CONFIG);
    await kaizen.probot.receive({ id, name: "issues", payload: issuesPayload(action, { at: at(++minute), ...options }) as never });
    await waitForJob(kaizen.pool, "sync-radar-item", id);
  }

  async function trend(issueNumber: number) {
    const { rows } = await kaizen.pool.query(
      `select kind, trend, impact, status, problem, announced_problem as "announced" from radar_items where repo_id = $1 and issue_number = $2`,
      [REPO_ID, issueNumber],
    );
    return rows[0];
  }

  async function statusMoves(issueNumber: number) {
    const { rows } = await kaizen.pool.query(
      `select m.from_value as "from", m.to_value as "to", m.source from radar_movements m join radar_items i on i.id = m.item_id
       where i.repo_id = $1 and i.issue_number = $2 order by m.id`,
      [REPO_ID, issueNumber],
    );
    return rows;
  }

  /** The radar as the exports and the review read it (one config read through the installation). */
  async function snapshot() {
    nockConfig(CONFIG);
    const loaded = await loadRadar(kaizen.probot, kaizen.deps, REPO_ID);
    const { items = [], trends = [] } = loaded?.snapshot ?? {};
    return {
      items: Object.fromEntries(items.map((item) => [item.number, item.trends])),
      trends: Object.fromEntries(trends.map((t) => [t.number, t.radarItems])),
    };
  }

  /** The problem comment: the conversation searched for its marker (none yet), then one comment posted. */
  function nockProblemComment(issueNumber: number, sent: Sent): void {
    nockListComments({ ...EXAMPLE_REPO, issueNumber, pages: [[]] });
    nockCreateComment({ ...EXAMPLE_REPO, issueNumber, sent });
  }

  describe("a trend that mentions radar items", () => {
    it("links to the radar items it mentions, re-read on edit; other mentions are ignored; the items show it", async () => {
      await deliver("opened", { issueNumber: 60, labels: ["radar", "ring:assess", "quadrant:tools"] });
      await deliver("opened", { issueNumber: 61, labels: ["radar", "ring:trial", "quadrant:platforms"] });
      await deliver("opened", { issueNumber: 62, labels: ["bug"] });
      await deliver("opened", { issueNumber: 70, labels: TREND, body: "Drives #60 and #61. Unrelated: #62, #99, other/repo#60." });

      expect(await trend(70)).toEqual({ kind: "trend", trend: "rising", impact: "high", status: "active", problem: null, announced: null });
      expect(await snapshot()).toEqual({ items: { 60: [70], 61: [70] }, trends: { 70: [60, 61] } });

      // The body now names #61 only: the links are replaced, not added to.
      await deliver("edited", { issueNumber: 70, labels: TREND, body: "Only #61 is affected." });
      expect(await snapshot()).toEqual({ items: { 60: [], 61: [70] }, trends: { 70: [61] } });

      // An issue mentioned before it was a radar item shows up once it is one.
      await deliver("edited", { issueNumber: 70, labels: TREND, body: "Drives #61 and #62." });
      expect(await snapshot()).toEqual({ items: { 60: [], 61: [70] }, trends: { 70: [61] } });
      await deliver("labeled", { issueNumber: 62, labels: ["radar", "ring:hold", "quadrant:tools"], label: "radar" });
      expect(await snapshot()).toEqual({ items: { 60: [], 61: [70], 62: [70] }, trends: { 70: [61, 62] } });
    });
  });

  describe("with labels that cannot be read", () => {
    it("keeps a new trend pending, explains once, and makes it active once fixed", async () => {
      const sent: Sent = [];
      nockProblemComment(71, sent);
      await deliver("opened", { issueNumber: 71, labels: ["market-trend", "trend:up"] });
      expect(await trend(71)).toMatchObject({ kind: "trend", trend: null, impact: null, status: "pending" });
      expect(sent.map((c) => c["body"])).toEqual([
        expect.stringMatching(/^<!-- kaizen:radar-problem:[0-9a-f]{12} -->\nKaizen cannot read this market trend's labels:\n\n/),
      ]);
      expect(sent[0]!["body"]).toContain(
        "- `trend:up` is not a trend direction: use one of `trend:rising`, `trend:steady`, `trend:declining`.\n" +
          "- It has no impact label: add one of `impact:high`, `impact:medium`, `impact:low`.\n\n" +
          "The trend joins the radar once it has exactly one direction label and one impact label, like `trend:rising` and `impact:high`.",
      );

      // The same problem again: nothing more is posted.
      await deliver("edited", { issueNumber: 71, labels: ["market-trend", "trend:up"], body: "Reworded." });
      expect(await trend(71)).toMatchObject({ status: "pending" });

      await deliver("labeled", { issueNumber: 71, labels: ["market-trend", "trend:declining", "impact:low"], label: "impact:low" });
      expect(await trend(71)).toEqual({ kind: "trend", trend: "declining", impact: "low", status: "active", problem: null, announced: expect.any(String) });
    });

    it("keeps an active trend's direction and impact when a second direction is added, and says what it keeps", async () => {
      await deliver("opened", { issueNumber: 72, labels: TREND });
      const sent: Sent = [];
      nockProblemComment(72, sent);
      await deliver("labeled", { issueNumber: 72, labels: [...TREND, "trend:steady"], label: "trend:steady" });

      expect(await trend(72)).toMatchObject({ trend: "rising", impact: "high", status: "active" });
      expect(sent[0]!["body"]).toContain(
        "- It has 2 trend direction labels (`trend:rising`, `trend:steady`): keep one of them.\n\n" +
          "Until they are fixed, the trend keeps its last labels: **rising**, with **high** impact.",
      );
    });
  });

  describe("closed, reopened, and unlabelled", () => {
    it("retires the trend, brings it back, and marks it gone when it loses the trend label", async () => {
      await deliver("opened", { issueNumber: 73, labels: TREND });
      await deliver("closed", { issueNumber: 73, labels: TREND });
      expect(await trend(73)).toMatchObject({ status: "retired" });
      await deliver("reopened", { issueNumber: 73, labels: TREND });
      expect(await trend(73)).toMatchObject({ status: "active" });
      await deliver("unlabeled", { issueNumber: 73, labels: ["trend:rising", "impact:high"], label: "market-trend" });
      expect(await trend(73)).toMatchObject({ status: "gone", trend: "rising", impact: "high" });
      expect(await statusMoves(73)).toEqual([
        { from: "pending", to: "active", source: "label" },
        { from: "active", to: "retired", source: "close" },
        { from: "retired", to: "active", source: "reopen" },
        { from: "active", to: "gone", source: "label" },
      ]);
    });
  });
});
