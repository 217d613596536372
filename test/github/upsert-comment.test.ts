import nock from "nock";
import { upsertComment } from "../../src/github/upsert-comment.js";
import {
  TEST_REPO,
  nockCreateComment,
  nockListComments,
  nockGetApp,
  nockUpdateComment,
  testOctokit,
} from "../helpers/nock-github.js";

const MARKER = "<!-- kaizen:pr -->";
const BODY = `${MARKER}\n## Kaizen`;
const comment = { ...TEST_REPO, issueNumber: 318, marker: MARKER, body: BODY };
const others = (from: number, count: number) =>
  Array.from({ length: count }, (_, i) => ({ id: from + i, body: `Looks good to me (${i})` }));

beforeAll(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());
afterAll(() => nock.enableNetConnect());

describe("upsertComment", () => {
  describe("with a known comment id", () => {
    it("updates that comment without listing the conversation", async () => {
      const sent: Array<Record<string, unknown>> = [];
      const update = nockUpdateComment({ commentId: 44, sent });

      await expect(upsertComment(testOctokit(), { ...comment, knownCommentId: 44 })).resolves.toEqual({ id: 44, created: false });

      expect(update.isDone()).toBe(true);
      expect(sent).toEqual([{ body: BODY }]);
    });

    it("falls back to searching for the marker when the known comment was deleted", async () => {
      const gone = nockUpdateComment({ commentId: 44, status: 404 });
      const list = nockListComments({ issueNumber: 318, pages: [[...others(1, 3), { id: 45, body: `${MARKER}\nold` }]] });
      const app = nockGetApp();
      const update = nockUpdateComment({ commentId: 45 });

      await expect(upsertComment(testOctokit(), { ...comment, knownCommentId: 44 })).resolves.toEqual({ id: 45, created: false });

      expect(gone.isDone() && list.isDone() && app.isDone() && update.isDone()).toBe(true);
    });

    it("creates a new comment when the known one was deleted and no other carries the marker", async () => {
      const gone = nockUpdateComment({ commentId: 44, status: 404 });
      const list = nockListComments({ issueNumber: 318, pages: [others(1, 2)] });
      const create = nockCreateComment({ issueNumber: 318, id: 46 });

      await expect(upsertComment(testOctokit(), { ...comment, knownCommentId: 44 })).resolves.toEqual({ id: 46, created: true });

      expect(gone.isDone() && list.isDone() && create.isDone()).toBe(true);
    });
  });

  describe("without a known comment id", () => {
    it("pages through the comments and updates the one with the marker", async () => {
      const sent: Array<Record<string, unknown>> = [];
      const list = nockListComments({
        issueNumber: 318,
        pages: [others(1, 100), [...others(101, 50), { id: 151, body: `${MARKER}\nold` }]],
      });
      const app = nockGetApp();
      const update = nockUpdateComment({ commentId: 151, sent });

      await expect(upsertComment(testOctokit(), comment)).resolves.toEqual({ id: 151, created: false });

      expect(list.isDone() && app.isDone() && update.isDone()).toBe(true);
      expect(sent).toEqual([{ body: BODY }]);
    });

    it("stops paging once the marker is found", async () => {
      const list = nockListComments({ issueNumber: 318, pages: [[{ id: 7, body: `${MARKER}\nold` }]], morePages: true });
      const app = nockGetApp();
      const update = nockUpdateComment({ commentId: 7 });

      await expect(upsertComment(testOctokit(), comment)).resolves.toEqual({ id: 7, created: false });

      expect(list.isDone() && app.isDone() && update.isDone()).toBe(true);
    });

    it("creates the comment, marker first, when no comment carries the marker", async () => {
      const sent: Array<Record<string, unknown>> = [];
      const list = nockListComments({ issueNumber: 318, pages: [others(1, 100), others(101, 1)] });
      const create = nockCreateComment({ issueNumber: 318, id: 500, sent });

      const result = await upsertComment(testOctokit(), { ...comment, body: "## Kaizen" });

      expect(result).toEqual({ id: 500, created: true });
      expect(list.isDone() && create.isDone()).toBe(true);
      expect(sent).toEqual([{ body: BODY }]);
    });
  });

  describe("when someone else's comment carries the marker", () => {
    it("does not edit a person's comment that pasted the marker: it creates Kaizen's own", async () => {
      const sent: Array<Record<string, unknown>> = [];
      const list = nockListComments({ issueNumber: 318, pages: [[{ id: 9, body: `${MARKER}\nmine now`, author: "mallory" }]] });
      const create = nockCreateComment({ issueNumber: 318, id: 501, sent });

      await expect(upsertComment(testOctokit(), comment)).resolves.toEqual({ id: 501, created: true });

      expect(list.isDone() && create.isDone()).toBe(true);
      expect(sent).toEqual([{ body: BODY }]);
    });

    it("does not edit another app's bot comment that carries the marker, and finds Kaizen's own after it", async () => {
      const otherBot = { id: 10, body: `${MARKER}\nfrom another app`, author: "other-app[bot]" };
      const list = nockListComments({ issueNumber: 318, pages: [[otherBot, { id: 11, body: `${MARKER}\nold` }]] });
      const app = nockGetApp();
      const update = nockUpdateComment({ commentId: 11 });

      await expect(upsertComment(testOctokit(), comment)).resolves.toEqual({ id: 11, created: false });

      expect(list.isDone() && app.isDone() && update.isDone()).toBe(true);
    });
  });

  it("does not swallow errors other than 404", async () => {
    const scope = nock("https://api.github.com")
      .patch(`/repos/${TEST_REPO.owner}/${TEST_REPO.repo}/issues/comments/44`)
      .reply(403, { message: "Resource not accessible by integration" });

    await expect(upsertComment(testOctokit(), { ...comment, knownCommentId: 44 })).rejects.toMatchObject({ status: 403 });

    expect(scope.isDone()).toBe(true);
  });
});
