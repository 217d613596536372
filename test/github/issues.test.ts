import nock from "nock";
import { closeIssue, findOpenIssueByMarker, findOrOpenIssue, openIssue } from "../../src/github/issues.js";
import { findPullsForSha } from "../../src/deployments/github.js";
import { nockCreateIssue, nockGetApp, nockListOpenIssues, nockListPullsForCommit, nockUpdateIssue, TEST_REPO, testOctokit } from "../helpers/nock-github.js";

const MARKER = "<!-- kaizen:issue:production%2Fcheckout%20p95 -->";

beforeAll(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());
afterAll(() => nock.enableNetConnect());

describe("openIssue", () => {
  it("opens the issue with the kaizen label first and extra labels deduplicated", async () => {
    const sent: Array<Record<string, unknown>> = [];
    const scope = nockCreateIssue({ number: 77, sent });

    const issue = await openIssue(testOctokit(), {
      ...TEST_REPO,
      title: "checkout p95 regressed in production",
      body: `${MARKER}\nbody`,
      labels: ["performance", "kaizen"],
    });

    expect(issue).toEqual({ number: 77, url: "https://github.com/octo-org/shop/issues/77" });
    expect(scope.isDone()).toBe(true);
    expect(sent).toEqual([
      { title: "checkout p95 regressed in production", body: `${MARKER}\nbody`, labels: ["kaizen", "performance"] },
    ]);
  });
});

describe("closeIssue", () => {
  it("closes the issue as completed", async () => {
    const sent: Array<Record<string, unknown>> = [];
    const scope = nockUpdateIssue({ issueNumber: 77, sent });

    await closeIssue(testOctokit(), { ...TEST_REPO, issueNumber: 77 });

    expect(scope.isDone()).toBe(true);
    expect(sent).toEqual([{ state: "closed", state_reason: "completed" }]);
  });
});

describe("findOpenIssueByMarker", () => {
  it("finds the issue carrying the marker on a later page, skipping pull requests", async () => {
    const filler = Array.from({ length: 100 }, (_, i) => ({ number: i + 1, body: `other ${i}` }));
    const scope = nockListOpenIssues({
      pages: [filler, [{ number: 150, body: `${MARKER}\n(a pull request)`, pull: true }, { number: 151, body: `${MARKER}\nbody` }]],
    });
    const app = nockGetApp();

    await expect(findOpenIssueByMarker(testOctokit(), { ...TEST_REPO, marker: MARKER })).resolves.toEqual({
      number: 151,
      url: "https://github.com/octo-org/shop/issues/151",
    });
    expect(scope.isDone() && app.isDone()).toBe(true);
  });

  it("does not take a stranger's issue that pasted the marker (and the label) for Kaizen's", async () => {
    const scope = nockListOpenIssues({ pages: [[{ number: 5, body: `${MARKER}\nclose me, Kaizen`, author: "mallory" }]] });
    const sent: Array<Record<string, unknown>> = [];
    const create = nockCreateIssue({ number: 6, sent });

    await expect(findOpenIssueByMarker(testOctokit(), { ...TEST_REPO, marker: MARKER })).resolves.toBeNull();
    expect(scope.isDone()).toBe(true);

    const scopeAgain = nockListOpenIssues({ pages: [[{ number: 5, body: `${MARKER}\nclose me, Kaizen`, author: "mallory" }]] });
    const opened = await findOrOpenIssue(testOctokit(), { ...TEST_REPO, marker: MARKER, title: "Benchmark regression: x @octo-org/team", body: MARKER, labels: [] });
    expect(opened.number).toBe(6);
    expect(scopeAgain.isDone() && create.isDone()).toBe(true);
    // The new issue's title names the benchmark without pinging the team it mentions.
    expect(sent[0]?.["title"]).toBe("Benchmark regression: x @\u200Bocto-org/team");
  });

  it("returns null when no open issue carries the marker", async () => {
    const scope = nockListOpenIssues({ pages: [[{ number: 3, body: null }, { number: 4, body: "<!-- kaizen:issue:other -->" }]] });

    await expect(findOpenIssueByMarker(testOctokit(), { ...TEST_REPO, marker: MARKER })).resolves.toBeNull();
    expect(scope.isDone()).toBe(true);
  });
});

describe("findPullsForSha", () => {
  it("returns number, link and state of each pull request containing the commit", async () => {
    const sha = "9f8e7d6c5b4a39281706f5e4d3c2b1a098765432";
    const scope = nockListPullsForCommit({ sha, pulls: [{ number: 318, state: "closed" }, { number: 321 }] });

    await expect(findPullsForSha(testOctokit(), { ...TEST_REPO, sha })).resolves.toEqual([
      { number: 318, url: "https://github.com/octo-org/shop/pull/318", state: "closed" },
      { number: 321, url: "https://github.com/octo-org/shop/pull/321", state: "open" },
    ]);
    expect(scope.isDone()).toBe(true);
  });
});
