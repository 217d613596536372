import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";

export interface LoopbackRequest {
  method: string;
  /** The path without GitHub Enterprise's `/api/v3` prefix, decoded. */
  path: string;
  query: URLSearchParams;
  body: string;
  /** Request headers, lower-cased names. */
  headers: Record<string, string | string[] | undefined>;
}

/** A JSON answer, raw text (the raw media type of file contents), or bytes (an artifact's zip). */
export type LoopbackReply = ({ status: number; json: unknown } | { status: number; text: string } | { status: number; bytes: Uint8Array } | { status: 304 }) & {
  /** Extra response headers (an ETag). */
  headers?: Record<string, string>;
};

export interface LoopbackGitHub {
  /** For GHE_HOST (with GHE_PROTOCOL=http). */
  host: string;
  /** Every request as `METHOD path`, in order. */
  seen: string[];
  close(): Promise<void>;
}

/**
 * A loopback GitHub Enterprise for command-line tests (a child process is out of nock's reach): `route` answers
 * each request; a request it does not answer gets a 404 and stays in `seen`, for the test to find.
 */
export async function startLoopbackGitHub(route: (request: LoopbackRequest) => LoopbackReply | undefined): Promise<LoopbackGitHub> {
  const seen: string[] = [];
  const server: Server = createServer((req, res) => {
    let body = "";
    req.on("data", (chunk: Buffer) => (body += chunk.toString()));
    req.on("end", () => {
      const url = new URL(req.url ?? "/", "http://loopback");
      const path = decodeURIComponent(url.pathname).replace(/^\/api\/v3/, "");
      seen.push(`${req.method} ${path}`);
      const request = { method: req.method ?? "GET", path, query: url.searchParams, body, headers: req.headers };
      const reply: LoopbackReply = route(request) ?? { status: 404, json: { message: "Not Found" } };
      if ("bytes" in reply) {
        res.writeHead(reply.status, { "content-type": "application/zip", ...reply.headers });
        res.end(reply.bytes);
        return;
      }
      if (!("text" in reply) && !("json" in reply)) {
        res.writeHead(reply.status, reply.headers ?? {});
        res.end();
        return;
      }
      const text = "text" in reply;
      res.writeHead(reply.status, { "content-type": text ? "text/plain; charset=utf-8" : "application/json; charset=utf-8", ...reply.headers });
      res.end(text ? reply.text : JSON.stringify(reply.json));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const host = `127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { host, seen, close: () => new Promise((resolve) => server.close(() => resolve())) };
}
