import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";

/** What the fake answers with and what it saw; the benchmark reads `commentPostedAt`. */
export interface FakeGitHub {
  url: string;
  /** Raw `.github/kaizen.yml` served for every repository (null → 404). */
  config: string | null;
  requests: number;
  /** Reads of a kaizen.yml (the repository's or the org default), 304s included. */
  contentsRequests: number;
  commentPostedAt: Map<string, number>;
  close(): Promise<void>;
}

/**
 * A loopback stand-in for the GitHub REST API, for benchmarks only (tests use nock): it answers the few
 * endpoints Kaizen calls, at once, so the numbers measure Kaizen and not a network.
 */
export async function startFakeGitHub(): Promise<FakeGitHub> {
  const state = { config: null as string | null, requests: 0, contentsRequests: 0, commentPostedAt: new Map<string, number>() };
  let nextId = 1000;
  const server: Server = createServer((req, res) => {
    let body = "";
    req.on("data", (chunk: Buffer) => (body += chunk.toString()));
    req.on("end", () => {
      state.requests++;
      const url = new URL(req.url ?? "/", "http://x");
      // GHE_HOST makes Probot prefix every path with /api/v3.
      const path = decodeURIComponent(url.pathname).replace(/^\/api\/v3/, "");
      const json = (status: number, data: unknown) => {
        res.writeHead(status, { "content-type": "application/json; charset=utf-8" });
        res.end(JSON.stringify(data));
      };
      if (req.method === "POST" && /^\/app\/installations\/\d+\/access_tokens$/.test(path)) {
        return json(201, { token: "ghs_bench", expires_at: new Date(Date.now() + 3600e3).toISOString(), permissions: {} });
      }
      if (req.method === "GET" && path === "/app/hook/deliveries") return json(200, []);
      if (req.method === "GET" && path.endsWith("/contents/.github/kaizen.yml")) {
        state.contentsRequests++;
        if (state.config === null || path.includes("/.github/contents/")) return json(404, { message: "Not Found" });
        res.writeHead(200, { "content-type": "text/plain; charset=utf-8" });
        return res.end(state.config);
      }
      if (req.method === "GET" && /\/check-runs$/.test(path)) return json(200, { total_count: 0, check_runs: [] });
      if (req.method === "POST" && /\/check-runs$/.test(path)) return json(201, { id: nextId++ });
      if (req.method === "GET" && /\/commits\/[0-9a-f]+\/pulls$/.test(path)) {
        return json(200, [{ number: 1, html_url: "https://github.com/o/r/pull/1", state: "open" }]);
      }
      if (req.method === "GET" && /\/issues\/\d+\/comments$/.test(path)) return json(200, []);
      if (req.method === "POST" && /\/issues\/\d+\/comments$/.test(path)) {
        state.commentPostedAt.set(path, Date.now());
        return json(201, { id: nextId++ });
      }
      if (req.method === "PATCH" && /\/issues\/comments\/\d+$/.test(path)) {
        state.commentPostedAt.set("/repos/Codertocat/Hello-World/issues/1/comments", Date.now());
        return json(200, { id: Number(path.split("/").pop()) });
      }
      if (req.method === "PATCH" && /\/check-runs\/\d+$/.test(path)) return json(200, { id: Number(path.split("/").pop()) });
      if (req.method === "GET" && /\/issues$/.test(path)) return json(200, []);
      // The dashboard's access check (cached by the app for 5 minutes).
      const repo = /^\/repos\/([^/]+)\/([^/]+)$/.exec(path);
      if (req.method === "GET" && repo) return json(200, { id: 777_000, name: repo[2], owner: { login: repo[1] }, default_branch: "main" });
      if (req.method === "POST" && /\/issues$/.test(path)) return json(201, { number: nextId++, html_url: "https://github.com/o/r/issues/9" });
      json(404, { message: `fake GitHub has no ${req.method} ${path}` });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    get config() { return state.config; },
    set config(value) { state.config = value; },
    get requests() { return state.requests; },
    get contentsRequests() { return state.contentsRequests; },
    commentPostedAt: state.commentPostedAt,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
