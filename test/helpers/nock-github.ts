import nock from "nock";
import type { ProbotOctokit } from "probot";
import { guardClient } from "../../src/github/installation-client.js";
import { ProductionOctokit } from "./production-octokit.js";

/**
 * Named nock builders for the GitHub REST calls Kaizen makes, so a test reads as a scenario:
 * `nockListCheckRuns({ sha, name, runs: [] }); nockCreateCheckRun({ sent })`.
 * Each returns its nock scope (assert `scope.isDone()`, or use `nock.isDone()` for all of them).
 * Pass `sent: []` to collect the JSON bodies Kaizen sent, e.g. to snapshot them.
 */

export const GITHUB_API = "https://api.github.com";

/** The repository the builders use unless told otherwise. */
export const TEST_REPO = { owner: "octo-org", repo: "shop" } as const;

type RepoOption = { owner?: string; repo?: string };

/** The app the tests run as (start-kaizen's Probot has the same id); its bot account is `kaizen-test[bot]`. */
export const TEST_APP = { id: 123, slug: "kaizen-test" } as const;

/**
 * Who wrote a listed comment or issue: `"kaizen"` (the default) is the app itself, as GitHub reports it
 * (`performed_via_github_app` and the `[bot]` account); any other string is a person's login.
 */
type Author = { author?: string };

function authoredBy(author = "kaizen"): Record<string, unknown> {
  if (author !== "kaizen") return { user: { login: author, type: "User" }, performed_via_github_app: null };
  return { user: { login: `${TEST_APP.slug}[bot]`, type: "Bot" }, performed_via_github_app: { id: TEST_APP.id, slug: TEST_APP.slug } };
}

/** GET /app: the app's id and slug, which Kaizen reads to tell its own comments and issues from strangers'. */
export function nockGetApp(): nock.Scope {
  return nock(GITHUB_API).get("/app").reply(200, { id: TEST_APP.id, slug: TEST_APP.slug, name: "Kaizen (test)" });
}
type SentBodies = Array<Record<string, unknown>>;

/** A token-authenticated client that behaves as a job's installation client does (ProductionOctokit, guardClient). */
export function testOctokit(): InstanceType<typeof ProbotOctokit> {
  return guardClient(new ProductionOctokit({ auth: "test" }));
}

function repoPath({ owner = TEST_REPO.owner, repo = TEST_REPO.repo }: RepoOption): string {
  return `/repos/${owner}/${repo}`;
}

function recordInto(sent: SentBodies | undefined) {
  return (body: Record<string, unknown>) => {
    sent?.push(body);
    return true;
  };
}

/**
 * Replies page by page with GitHub's `Link` header. `morePages` puts a "next" link on the last page given, for
 * tests where the code must stop before it (the following page is not mocked, so fetching it fails the test).
 */
function nockPages(
  path: string,
  query: Record<string, string>,
  pages: unknown[][],
  options: { wrap?: (items: unknown[]) => unknown; morePages?: boolean } = {},
): nock.Scope {
  const scope = nock(GITHUB_API);
  pages.forEach((items, index) => {
    const page = index + 1;
    const hasNext = index < pages.length - 1 || options.morePages === true;
    const next = new URLSearchParams({ ...query, page: String(page + 1) });
    const headers: Record<string, string> = hasNext ? { link: `<${GITHUB_API}${path}?${next}>; rel="next"` } : {};
    scope
      .get(path)
      .query(page === 1 ? query : { ...query, page: String(page) })
      .reply(200, (options.wrap ? options.wrap(items) : items) as nock.Body, headers);
  });
  return scope;
}

/** GET check runs of one name on a commit (all of them, not only the latest). */
export function nockListCheckRuns(
  options: RepoOption & { sha: string; name: string; runs: Array<{ id: number; external_id: string | null }> },
): nock.Scope {
  const query = { check_name: options.name, filter: "all", per_page: "100" };
  const runs = options.runs.map((run) => ({ ...run, name: options.name, head_sha: options.sha }));
  return nockPages(`${repoPath(options)}/commits/${options.sha}/check-runs`, query, [runs], {
    wrap: (items) => ({ total_count: items.length, check_runs: items }),
  });
}

/** POST a check run; replies with `id`. */
export function nockCreateCheckRun(options: RepoOption & { id?: number; sent?: SentBodies } = {}): nock.Scope {
  return nock(GITHUB_API)
    .post(`${repoPath(options)}/check-runs`, recordInto(options.sent))
    .reply(201, { id: options.id ?? 1001 });
}

/** PATCH an existing check run. */
export function nockUpdateCheckRun(options: RepoOption & { id: number; sent?: SentBodies }): nock.Scope {
  return nock(GITHUB_API)
    .patch(`${repoPath(options)}/check-runs/${options.id}`, recordInto(options.sent))
    .reply(200, { id: options.id });
}

/** GET an issue's or pull request's comments, one array per page; each written by Kaizen unless `author` says who. */
export function nockListComments(
  options: RepoOption & { issueNumber: number; pages: Array<Array<{ id: number; body: string } & Author>>; morePages?: boolean },
): nock.Scope {
  const pages = options.pages.map((page) => page.map(({ author, ...comment }) => ({ ...comment, ...authoredBy(author) })));
  return nockPages(`${repoPath(options)}/issues/${options.issueNumber}/comments`, { per_page: "100" }, pages, {
    morePages: options.morePages,
  });
}

/** POST a comment on an issue or pull request; replies with `id`. */
export function nockCreateComment(
  options: RepoOption & { issueNumber: number; id?: number; sent?: SentBodies },
): nock.Scope {
  const id = options.id ?? 5001;
  const { owner = TEST_REPO.owner, repo = TEST_REPO.repo } = options;
  return nock(GITHUB_API)
    .post(`${repoPath(options)}/issues/${options.issueNumber}/comments`, recordInto(options.sent))
    .reply(201, { id, html_url: `https://github.com/${owner}/${repo}/issues/${options.issueNumber}#issuecomment-${id}` });
}

/** PATCH a comment; `status: 404` plays a comment someone deleted. */
export function nockUpdateComment(
  options: RepoOption & { commentId: number; status?: 200 | 404; sent?: SentBodies },
): nock.Scope {
  const status = options.status ?? 200;
  return nock(GITHUB_API)
    .patch(`${repoPath(options)}/issues/comments/${options.commentId}`, recordInto(options.sent))
    .reply(status, status === 404 ? { message: "Not Found" } : { id: options.commentId });
}

/** GET one comment; `status: 404` plays a comment someone deleted. */
export function nockGetComment(
  options: RepoOption & { commentId: number; body?: string; status?: 200 | 404 },
): nock.Scope {
  const status = options.status ?? 200;
  return nock(GITHUB_API)
    .get(`${repoPath(options)}/issues/comments/${options.commentId}`)
    .reply(status, status === 404 ? { message: "Not Found" } : { id: options.commentId, body: options.body ?? "" });
}

/** DELETE a comment; `status: 404` plays one already gone. */
export function nockDeleteComment(options: RepoOption & { commentId: number; status?: 204 | 404 }): nock.Scope {
  const status = options.status ?? 204;
  return nock(GITHUB_API)
    .delete(`${repoPath(options)}/issues/comments/${options.commentId}`)
    .reply(status, status === 404 ? { message: "Not Found" } : undefined);
}

/** GET the pull requests associated with a commit. */
export function nockListPullsForCommit(
  options: RepoOption & { sha: string; pulls: Array<{ number: number; state?: "open" | "closed" }> },
): nock.Scope {
  const { owner = TEST_REPO.owner, repo = TEST_REPO.repo } = options;
  const pulls = options.pulls.map((p) => ({
    number: p.number,
    state: p.state ?? "open",
    html_url: `https://github.com/${owner}/${repo}/pull/${p.number}`,
  }));
  return nockPages(`${repoPath(options)}/commits/${options.sha}/pulls`, { per_page: "100" }, [pulls]);
}

/** POST an issue; replies with `number`. */
export function nockCreateIssue(options: RepoOption & { number?: number; sent?: SentBodies } = {}): nock.Scope {
  const number = options.number ?? 77;
  const { owner = TEST_REPO.owner, repo = TEST_REPO.repo } = options;
  return nock(GITHUB_API)
    .post(`${repoPath(options)}/issues`, recordInto(options.sent))
    .reply(201, { number, html_url: `https://github.com/${owner}/${repo}/issues/${number}` });
}

/** PATCH an issue (closing it, for Kaizen). */
export function nockUpdateIssue(
  options: RepoOption & { issueNumber: number; sent?: SentBodies },
): nock.Scope {
  return nock(GITHUB_API)
    .patch(`${repoPath(options)}/issues/${options.issueNumber}`, recordInto(options.sent))
    .reply(200, { number: options.issueNumber, state: "closed" });
}

/**
 * GET open issues labelled `kaizen`, one array per page; `pull: true` marks an entry as a pull request. Each is
 * Kaizen's unless `author` names the person who opened it.
 */
export function nockListOpenIssues(
  options: RepoOption & {
    pages: Array<Array<{ number: number; body: string | null; pull?: boolean } & Author>>;
    morePages?: boolean;
  },
): nock.Scope {
  const { owner = TEST_REPO.owner, repo = TEST_REPO.repo } = options;
  const pages = options.pages.map((page) =>
    page.map((issue) => ({
      number: issue.number,
      body: issue.body,
      html_url: `https://github.com/${owner}/${repo}/${issue.pull ? "pull" : "issues"}/${issue.number}`,
      ...authoredBy(issue.author),
      ...(issue.pull ? { pull_request: { url: `${GITHUB_API}${repoPath(options)}/pulls/${issue.number}` } } : {}),
    })),
  );
  const query = { state: "open", labels: "kaizen", per_page: "100" };
  return nockPages(`${repoPath(options)}/issues`, query, pages, { morePages: options.morePages });
}

/**
 * The GitHub calls of a deployment's first report on `sha`: no "Kaizen performance" check run yet, so one
 * (`checkRunId`) is created; the commit's pull request `pull`, when it has one, without Kaizen's comment yet, so one
 * (`commentId`) is posted on it; and with `issueNumber`, no open issue yet, so that one is opened. What each of
 * these creations sends GitHub lands in `sent`.
 */
export function nockFirstReport(options: {
  owner: string;
  repo: string;
  sha: string;
  checkRunId: number;
  pull?: { number: number; commentId: number };
  issueNumber?: number;
  sent?: { checks?: SentBodies; comments?: SentBodies; issues?: SentBodies };
}): void {
  const { owner, repo, sha, pull, issueNumber, sent = {} } = options;
  nockListCheckRuns({ owner, repo, sha, name: "Kaizen performance", runs: [] });
  nockCreateCheckRun({ owner, repo, id: options.checkRunId, sent: sent.checks });
  nockListPullsForCommit({ owner, repo, sha, pulls: pull ? [{ number: pull.number }] : [] });
  if (pull) {
    nockListComments({ owner, repo, issueNumber: pull.number, pages: [[]] });
    nockCreateComment({ owner, repo, issueNumber: pull.number, id: pull.commentId, sent: sent.comments });
  }
  if (issueNumber !== undefined) {
    nockListOpenIssues({ owner, repo, pages: [[]] });
    nockCreateIssue({ owner, repo, number: issueNumber, sent: sent.issues });
  }
}
