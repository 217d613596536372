import type { IncomingMessage, ServerResponse } from "node:http";
import type { Probot } from "probot";

/** GitHub caps webhook payloads at 25 MB and does not deliver larger ones: anything bigger is not GitHub. */
export const WEBHOOK_BODY_LIMIT = 25 * 1024 * 1024;

type Middleware = (req: IncomingMessage, res: ServerResponse, next?: () => void) => Promise<boolean>;
type MiddlewareFactory = (options?: { path?: string; log?: unknown }) => Promise<Middleware>;

/**
 * What the webhook intake refuses before reading a body:
 * - An oversized body: Probot's webhook middleware reads the whole body into memory before it checks the
 *   signature, so an unsigned 1 GB POST would otherwise be buffered. A POST (the webhook path, wherever
 *   WEBHOOK_PATH puts it, is Kaizen's only POST route) declaring more than the limit gets 413; one without a
 *   declared length (chunked) gets 411, since GitHub always sends `Content-Length`.
 * - Any delivery while the process is stopping (`draining`): 503, which GitHub records as a failed delivery, so
 *   the delivery recovery (of this process's successor, or another replica) asks for it again. Stored and
 *   answered 200, it would be lost with the jobs the drain hands back.
 *
 * Both Probot's own server and `createNodeMiddleware` ask the app for its webhook middleware after loading it,
 * so wrapping that one method covers both.
 */
export function guardWebhookIntake(app: Probot, { limit = WEBHOOK_BODY_LIMIT, draining = () => false }: { limit?: number; draining?: () => boolean } = {}): void {
  const factory = app as unknown as { getNodeMiddleware: MiddlewareFactory };
  const original = factory.getNodeMiddleware.bind(app);
  factory.getNodeMiddleware = async (options) => {
    const middleware = await original(options);
    return async (req, res, next) => {
      const refusal = req.method !== "POST" ? null : draining() ? STOPPING : refuse(req, limit);
      if (!refusal) return middleware(req, res, next);
      res.writeHead(refusal.status, { "content-type": "application/json; charset=utf-8", connection: "close" });
      res.end(`${JSON.stringify({ message: refusal.message })}\n`);
      req.destroy();
      return true;
    };
  };
}

const STOPPING = { status: 503, message: "Kaizen is stopping: this delivery is refused, so that GitHub records it as failed and it is asked for again." };

function refuse(req: IncomingMessage, limit: number): { status: number; message: string } | null {
  const declared = req.headers["content-length"];
  if (declared === undefined) return { status: 411, message: "Send the body with a Content-Length, as GitHub does." };
  const length = Number(declared);
  if (!Number.isSafeInteger(length) || length < 0) return { status: 400, message: "Content-Length is not a number of bytes." };
  if (length > limit) return { status: 413, message: `The body is ${length} bytes; webhooks are at most ${limit} bytes (GitHub's limit).` };
  return null;
}
