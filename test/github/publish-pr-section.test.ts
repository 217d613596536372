import nock from "nock";
import { listPrCommentSections } from "../../src/db/pr-comment-sections.js";
import { listPrComments, savePrComment } from "../../src/db/pr-comments.js";
import { kaizenMarker } from "../../src/github/kaizen-marker.js";
import { publishPrSection, type PrSection } from "../../src/github/publish-pr-section.js";
import { GITHUB_BODY_LIMIT } from "../../src/markdown/truncate-body.js";
import {
  TEST_REPO,
  nockCreateComment,
  nockDeleteComment,
  nockGetApp,
  nockGetComment,
  nockListComments,
  nockUpdateComment,
  testOctokit,
} from "../helpers/nock-github.js";
import { createTestDatabase, type TestDatabase } from "../helpers/test-database.js";

const MARKER = "<!-- kaizen:pr -->";
const REPO_ID = 4_400_000_001;
type Body = Record<string, any>;

const DEPLOYMENT = "### Deployment · production\n\n🔴 **1 regression** after deploying 9f8e7d6 to **production**";
const STAGING = "### Deployment · staging\n\n✅ No regressions after deploying 9f8e7d6 to **staging**";
const BENCHMARKS = "### Benchmarks\n\n🔴 **1 regression**: `parse` 12 ms → 15 ms";

describe("publishPrSection", () => {
  let db: TestDatabase;
  // A pull request of its own per test: every test starts with no comment and no section.
  let pullNumber = 100;
  const section = (key: string, body: string, createIfMissing = true): PrSection => ({
    repoId: REPO_ID,
    ...TEST_REPO,
    pullNumber,
    key,
    body,
    createIfMissing,
  });
  const publish = (input: PrSection) => publishPrSection(testOctokit(), db.pool, input);

  beforeAll(async () => {
    nock.disableNetConnect();
    db = await createTestDatabase();
  });
  beforeEach(() => {
    pullNumber += 1;
  });
  afterEach(() => {
    expect(nock.pendingMocks()).toEqual([]);
    nock.cleanAll();
  });
  afterAll(async () => {
    nock.enableNetConnect();
    await db.drop();
  });

  describe("on a pull request without a Kaizen comment", () => {
    it("creates one comment, marker and header first, and records it", async () => {
      const sent: Body[] = [];
      nockListComments({ issueNumber: pullNumber, pages: [[{ id: 1, body: "LGTM" }]] });
      nockCreateComment({ issueNumber: pullNumber, id: 7001, sent });

      await publish(section("deployment:production", DEPLOYMENT));

      expect(sent).toHaveLength(1);
      expect(sent[0]?.body).toBe(`${MARKER}\n## Kaizen\n\n${DEPLOYMENT}\n`);
      expect(await listPrComments(db.pool, REPO_ID, pullNumber)).toEqual([
        expect.objectContaining({ marker: MARKER, commentId: 7001 }),
      ]);
    });

    it("does not write into a comment whose author pasted Kaizen's marker: it creates its own and records that", async () => {
      const sent: Body[] = [];
      nockListComments({ issueNumber: pullNumber, pages: [[{ id: 66, body: `${MARKER}\nI can edit this`, author: "pr-author" }]] });
      nockCreateComment({ issueNumber: pullNumber, id: 7002, sent });

      await publish(section("deployment:production", DEPLOYMENT));

      expect(sent).toHaveLength(1);
      expect(await listPrComments(db.pool, REPO_ID, pullNumber)).toEqual([expect.objectContaining({ marker: MARKER, commentId: 7002 })]);
    });

    it("does not call GitHub with createIfMissing false, but stores the section for the comment made later", async () => {
      await publish(section("deployment:production", DEPLOYMENT, false));

      expect(await listPrComments(db.pool, REPO_ID, pullNumber)).toEqual([]);
      expect((await listPrCommentSections(db.pool, REPO_ID, pullNumber)).map((s) => s.key)).toEqual([
        "deployment:production",
      ]);

      const sent: Body[] = [];
      nockListComments({ issueNumber: pullNumber, pages: [[]] });
      nockCreateComment({ issueNumber: pullNumber, id: 7002, sent });
      await publish(section("benchmarks", BENCHMARKS));

      expect(sent[0]?.body).toBe(`${MARKER}\n## Kaizen\n\n${DEPLOYMENT}\n\n---\n\n${BENCHMARKS}\n`);
    });
  });

  describe("on a pull request with Kaizen's comment", () => {
    async function withComment(commentId: number, ...sections: Array<[string, string]>) {
      nockListComments({ issueNumber: pullNumber, pages: [[]] });
      nockCreateComment({ issueNumber: pullNumber, id: commentId });
      const [first, ...rest] = sections;
      await publish(section(...first!));
      for (const [key, body] of rest) {
        nockUpdateComment({ commentId });
        await publish(section(key, body));
      }
    }

    it("adds a benchmarks section after the deployment section, in the same comment", async () => {
      await withComment(7003, ["deployment:production", DEPLOYMENT]);
      const sent: Body[] = [];
      nockUpdateComment({ commentId: 7003, sent });

      await publish(section("benchmarks", BENCHMARKS));

      expect(sent[0]?.body).toBe(`${MARKER}\n## Kaizen\n\n${DEPLOYMENT}\n\n---\n\n${BENCHMARKS}\n`);
    });

    it("orders deployments by environment name before benchmarks, whatever the publishing order", async () => {
      await withComment(7004, ["benchmarks", BENCHMARKS], ["deployment:staging", STAGING]);
      const sent: Body[] = [];
      nockUpdateComment({ commentId: 7004, sent });

      await publish(section("deployment:production", DEPLOYMENT));

      expect(sent[0]?.body).toBe(`${MARKER}\n## Kaizen\n\n${DEPLOYMENT}\n\n---\n\n${STAGING}\n\n---\n\n${BENCHMARKS}\n`);
    });

    it("replaces a section in place and keeps the others", async () => {
      await withComment(7005, ["deployment:production", DEPLOYMENT], ["benchmarks", BENCHMARKS]);
      const sent: Body[] = [];
      nockUpdateComment({ commentId: 7005, sent });

      await publish(section("deployment:production", "### Deployment · production\n\n✅ No regressions"));

      expect(sent[0]?.body).toBe(`${MARKER}\n## Kaizen\n\n### Deployment · production\n\n✅ No regressions\n\n---\n\n${BENCHMARKS}\n`);
    });

    it("updates it with createIfMissing false", async () => {
      await withComment(7006, ["benchmarks", BENCHMARKS]);
      const sent: Body[] = [];
      nockUpdateComment({ commentId: 7006, sent });

      await publish(section("deployment:production", DEPLOYMENT, false));

      expect(sent[0]?.body).toContain(DEPLOYMENT);
      expect(sent[0]?.body).toContain(BENCHMARKS);
    });

    it("finds it by its marker and records it again when its recorded id points to a deleted comment", async () => {
      await withComment(7007, ["benchmarks", BENCHMARKS]);
      nockUpdateComment({ commentId: 7007, status: 404 });
      nockListComments({ issueNumber: pullNumber, pages: [[{ id: 7008, body: `${MARKER}\nrestored by hand` }]] });
      nockGetApp();
      nockUpdateComment({ commentId: 7008 });

      await publish(section("deployment:production", DEPLOYMENT));

      expect(await listPrComments(db.pool, REPO_ID, pullNumber)).toEqual([
        expect.objectContaining({ marker: MARKER, commentId: 7008 }),
      ]);
    });

    it("gives each section a share of GitHub's limit when together they are longer", async () => {
      await withComment(7009, ["deployment:production", `${DEPLOYMENT}\n${"- endpoint\n".repeat(6_000)}`]);
      const sent: Body[] = [];
      nockUpdateComment({ commentId: 7009, sent });

      await publish(section("benchmarks", `${BENCHMARKS}\n${"- benchmark\n".repeat(6_000)}`));

      const body = String(sent[0]?.body);
      expect(body.length).toBeLessThanOrEqual(GITHUB_BODY_LIMIT);
      expect(body.startsWith(MARKER)).toBe(true);
      expect(body).toContain(DEPLOYMENT);
      expect(body).toContain(BENCHMARKS);
      expect(body.match(/Kaizen cut this text short/g)).toHaveLength(2);
    });
  });

  describe("on a pull request with per-environment comments from an earlier version", () => {
    const PRODUCTION = kaizenMarker("deployment", "production");
    const STAGING_MARKER = kaizenMarker("deployment", "staging");
    const OLD_PRODUCTION = "### Kaizen · production\n\n🔴 **1 regression** after deploying 1a2b3c4 to **production**";
    const OLD_STAGING = "### Kaizen · staging\n\n✅ No regressions after deploying 1a2b3c4 to **staging**";

    it("turns the comment into the one comment, its body kept as the environment's section", async () => {
      await savePrComment(db.pool, REPO_ID, pullNumber, PRODUCTION, 6001);
      const sent: Body[] = [];
      nockGetComment({ commentId: 6001, body: `${PRODUCTION}\n${OLD_PRODUCTION}\n` });
      nockUpdateComment({ commentId: 6001, sent });

      await publish(section("benchmarks", BENCHMARKS));

      expect(sent[0]?.body).toBe(`${MARKER}\n## Kaizen\n\n${OLD_PRODUCTION}\n\n---\n\n${BENCHMARKS}\n`);
      expect(await listPrComments(db.pool, REPO_ID, pullNumber)).toEqual([
        expect.objectContaining({ marker: MARKER, commentId: 6001 }),
      ]);

      // From now on the new marker leads to it, and the environment's next section replaces the old body.
      const again: Body[] = [];
      nockUpdateComment({ commentId: 6001, sent: again });
      await publish(section("deployment:production", DEPLOYMENT));
      expect(again[0]?.body).toBe(`${MARKER}\n## Kaizen\n\n${DEPLOYMENT}\n\n---\n\n${BENCHMARKS}\n`);
    });

    it("keeps the oldest of several, deletes the others, and puts each environment's latest word in it", async () => {
      await savePrComment(db.pool, REPO_ID, pullNumber, STAGING_MARKER, 6003);
      await savePrComment(db.pool, REPO_ID, pullNumber, PRODUCTION, 6002);
      const sent: Body[] = [];
      nockGetComment({ commentId: 6002, body: `${PRODUCTION}\n${OLD_PRODUCTION}` });
      nockGetComment({ commentId: 6003, body: `${STAGING_MARKER}\n${OLD_STAGING}` });
      nockUpdateComment({ commentId: 6002, sent });
      nockDeleteComment({ commentId: 6003 });

      // createIfMissing false: the old comments count as Kaizen's comment existing.
      await publish(section("deployment:staging", STAGING, false));

      expect(sent[0]?.body).toBe(`${MARKER}\n## Kaizen\n\n${OLD_PRODUCTION}\n\n---\n\n${STAGING}\n`);
      expect(await listPrComments(db.pool, REPO_ID, pullNumber)).toEqual([
        expect.objectContaining({ marker: MARKER, commentId: 6002 }),
      ]);
    });

    it("recognises the environment in an old marker whatever its name", async () => {
      const euWest = kaizenMarker("deployment", "eu west");
      await savePrComment(db.pool, REPO_ID, pullNumber, euWest, 6005);
      const sent: Body[] = [];
      nockGetComment({ commentId: 6005, body: `${euWest}\n### Kaizen · eu west\n\nold verdicts` });
      nockUpdateComment({ commentId: 6005, sent });

      await publish(section("deployment:eu west", "### Deployment · eu west\n\nnew verdicts"));

      expect(sent[0]?.body).toBe(`${MARKER}\n## Kaizen\n\n### Deployment · eu west\n\nnew verdicts\n`);
    });

    it("forgets an old comment someone deleted, and creates the one comment when none is left", async () => {
      await savePrComment(db.pool, REPO_ID, pullNumber, PRODUCTION, 6004);
      nockGetComment({ commentId: 6004, status: 404 });
      nockListComments({ issueNumber: pullNumber, pages: [[]] });
      const sent: Body[] = [];
      nockCreateComment({ issueNumber: pullNumber, id: 7011, sent });

      await publish(section("benchmarks", BENCHMARKS));

      expect(sent[0]?.body).toBe(`${MARKER}\n## Kaizen\n\n${BENCHMARKS}\n`);
      expect(await listPrComments(db.pool, REPO_ID, pullNumber)).toEqual([
        expect.objectContaining({ marker: MARKER, commentId: 7011 }),
      ]);
    });
  });

  describe("when two sections are published at once", () => {
    it("creates one comment that ends with both sections", async () => {
      const created: Body[] = [];
      const updated: Body[] = [];
      // One search and one create: a second of either would be unmocked, and fail the publish that made it.
      nockListComments({ issueNumber: pullNumber, pages: [[]] });
      nockCreateComment({ issueNumber: pullNumber, id: 7010, sent: created });
      nockUpdateComment({ commentId: 7010, sent: updated });

      await Promise.all([
        publish(section("deployment:production", DEPLOYMENT)),
        publish(section("benchmarks", BENCHMARKS)),
      ]);

      expect(created).toHaveLength(1);
      expect(updated[0]?.body).toBe(`${MARKER}\n## Kaizen\n\n${DEPLOYMENT}\n\n---\n\n${BENCHMARKS}\n`);
      expect(await listPrComments(db.pool, REPO_ID, pullNumber)).toEqual([
        expect.objectContaining({ marker: MARKER, commentId: 7010 }),
      ]);
    });
  });
});
