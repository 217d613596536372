import type { LoopbackReply, LoopbackRequest } from "./loopback-github.js";
import { INSTALLATION_ID } from "./webhook-payloads.js";

/** An issue as the stateful GitHub keeps it. */
export interface FakeIssue {
  number: number;
  title: string;
  body: string;
  state: "open" | "closed";
  labels: string[];
  comments: Array<{ id: number; body: string }>;
}

/**
 * A small stateful GitHub for a loopback server (startLoopbackGitHub): the repository's kaizen.yml, issues with
 * comments, pull request comments, check runs, one pull request per commit (its number from the sha's first byte
 * minus 9, as the drift tests' shas give 1, 2, …). What Kaizen wrote is read back from `issues` and `prComments`.
 */
export function statefulGitHub({ owner, repo, config }: { owner: string; repo: string; config: string }) {
  const issues: FakeIssue[] = [];
  const prComments = new Map<number, Array<{ id: number; body: string }>>();
  let nextId = 5000;
  function route(request: LoopbackRequest): LoopbackReply | undefined {
    const { method, path } = request;
    const json = (status: number, body: unknown): LoopbackReply => ({ status, json: body });
    const repoPath = `/repos/${owner}/${repo}`;
    if (method === "POST" && path === `/app/installations/${INSTALLATION_ID}/access_tokens`) {
      return json(201, { token: "ghs_test", expires_at: new Date(Date.now() + 3600e3).toISOString(), permissions: {} });
    }
    if (method === "GET" && path === `${repoPath}/contents/.github/kaizen.yml`) return { status: 200, text: config };
    if (!path.startsWith(repoPath)) return undefined;
    const rest = path.slice(repoPath.length);

    const pulls = /^\/commits\/([0-9a-f]{40})\/pulls$/.exec(rest);
    if (method === "GET" && pulls) {
      const number = parseInt(pulls[1]!.slice(0, 2), 16) - 9;
      return json(200, [{ number, html_url: `https://github.com/${owner}/${repo}/pull/${number}`, state: "open" }]);
    }
    if (method === "GET" && /^\/commits\/[0-9a-f]+\/check-runs$/.test(rest)) return json(200, { total_count: 0, check_runs: [] });
    if (method === "POST" && rest === "/check-runs") return json(201, { id: nextId++ });
    if (method === "PATCH" && /^\/check-runs\/\d+$/.test(rest)) return json(200, { id: Number(rest.split("/").pop()) });

    if (method === "GET" && rest === "/issues") {
      const open = issues.filter((i) => i.state === "open");
      return json(200, open.map((i) => ({ number: i.number, body: i.body, html_url: `https://github.com/i/${i.number}` })));
    }
    if (method === "POST" && rest === "/issues") {
      const sent = JSON.parse(request.body);
      const issue: FakeIssue = { number: issues.length + 1, title: sent.title, body: sent.body, state: "open", labels: sent.labels, comments: [] };
      issues.push(issue);
      return json(201, { number: issue.number, html_url: `https://github.com/i/${issue.number}` });
    }
    const issuePath = /^\/issues\/(\d+)$/.exec(rest);
    if (method === "PATCH" && issuePath) {
      const issue = issues.find((i) => i.number === Number(issuePath[1]));
      if (!issue) return json(404, { message: "Not Found" });
      const sent = JSON.parse(request.body);
      Object.assign(issue, sent.body === undefined ? {} : { body: sent.body }, sent.state === undefined ? {} : { state: sent.state });
      return json(200, { number: issue.number });
    }
    const comments = /^\/issues\/(\d+)\/comments$/.exec(rest);
    if (comments) {
      const number = Number(comments[1]);
      const list = issues.find((i) => i.number === number)?.comments ?? prComments.get(number) ?? [];
      if (!prComments.has(number) && !issues.some((i) => i.number === number)) prComments.set(number, list);
      if (method === "GET") return json(200, list);
      const comment = { id: nextId++, body: JSON.parse(request.body).body };
      list.push(comment);
      return json(201, comment);
    }
    const comment = /^\/issues\/comments\/(\d+)$/.exec(rest);
    if (method === "PATCH" && comment) {
      const all = [...issues.flatMap((i) => i.comments), ...[...prComments.values()].flat()];
      const found = all.find((c) => c.id === Number(comment[1]));
      if (!found) return json(404, { message: "Not Found" });
      found.body = JSON.parse(request.body).body;
      return json(200, found);
    }
    return undefined;
  }
  return { route, issues, prComments };
}
