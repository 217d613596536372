import { setTimeout as sleep } from "node:timers/promises";
import { SourceError } from "../metrics-source.js";
import { PrometheusErrorBody } from "./prometheus-response.js";
import { redactUrl } from "./redact-url.js";

/** One form POST to Prometheus, with the operator's headers and retry policy. */
export interface PrometheusRequest {
  /** Source name, the prefix of every error message. */
  name: string;
  /** The configured base URL, shown in connection errors. */
  baseUrl: string;
  url: URL;
  form: URLSearchParams;
  headers: Record<string, string>;
  timeoutMs: number;
  retries: number;
  /** The most of an answer read; past it the answer is refused without being held whole. */
  maxResponseBytes: number;
}

type Outcome = { ok: true; body: unknown } | { ok: false; retry: boolean; reason: string };

/**
 * Sends the request, retrying network errors, timeouts and 5xx with a short backoff; a 4xx (a bad
 * query, bad credentials) is final. Resolves with the parsed JSON of a 2xx answer; anything else
 * becomes a SourceError whose message reads as the reason shown to users.
 */
export async function postWithRetry(request: PrometheusRequest): Promise<unknown> {
  const attempts = request.retries + 1;
  for (let attempt = 1; ; attempt++) {
    const outcome = await attemptOnce(request);
    if (outcome.ok) return outcome.body;
    if (!outcome.retry) throw new SourceError(`${request.name}: ${outcome.reason}`);
    if (attempt >= attempts) {
      throw new SourceError(`${request.name}: ${outcome.reason} (${attempt} attempt${attempt === 1 ? "" : "s"})`);
    }
    await sleep(Math.min(200 * 3 ** (attempt - 1), 2000));
  }
}

async function attemptOnce(request: PrometheusRequest): Promise<Outcome> {
  let response: Response;
  let text: string;
  try {
    response = await fetch(request.url, {
      method: "POST",
      headers: { accept: "application/json", ...request.headers },
      body: request.form,
      signal: AbortSignal.timeout(request.timeoutMs),
    });
    const read = await readCapped(response, request.maxResponseBytes);
    if (read === null) return { ok: false, retry: false, reason: tooLarge(request) };
    text = read;
  } catch (error) {
    return { ok: false, retry: true, reason: describeFailure(error, request) };
  }

  const body = parseJson(text);
  if (response.ok) {
    if (body === undefined) return { ok: false, retry: false, reason: notJson(response, request) };
    return { ok: true, body };
  }
  const retry = response.status >= 500;
  const envelope = PrometheusErrorBody.safeParse(body);
  if (envelope.success) return { ok: false, retry, reason: `${envelope.data.errorType}: ${envelope.data.error}` };
  return { ok: false, retry, reason: describeStatus(response, request) };
}

/**
 * The body as text, or null as soon as it passes `cap` bytes (then the rest is not downloaded). A query that
 * forgot its sum() can answer tens of megabytes of series; holding that, then its JSON, ran the process out of heap.
 */
async function readCapped(response: Response, cap: number): Promise<string | null> {
  const declared = Number(response.headers.get("content-length") ?? Number.NaN);
  if (declared > cap) {
    await response.body?.cancel();
    return null;
  }
  if (!response.body) return "";
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > cap) {
      await reader.cancel();
      return null;
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks, total).toString("utf8");
}

function tooLarge(request: PrometheusRequest): string {
  return (
    `the answer is larger than ${formatMiB(request.maxResponseBytes)}, more than Kaizen reads: the query likely returns ` +
    "many series; aggregate them, e.g. sum(...) or avg(...), or raise max_response_bytes for this source in the sources file"
  );
}

function formatMiB(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${Number((bytes / 1024 / 1024).toFixed(1))} MiB` : `${Number((bytes / 1024).toFixed(1))} KiB`;
}

// Duck-typed rather than `instanceof`: fetch's errors may come from another realm (e.g. under jest's vm).
function describeFailure(error: unknown, request: PrometheusRequest): string {
  const failure = (error ?? {}) as { name?: string; message?: string; cause?: { code?: string; message?: string } };
  if (failure.name === "TimeoutError") return `timed out after ${formatSeconds(request.timeoutMs)}`;
  const at = redactUrl(request.baseUrl).replace(/\/$/, "");
  switch (failure.cause?.code) {
    case "ECONNREFUSED":
      return `connection refused at ${at}`;
    case "ENOTFOUND":
    case "EAI_AGAIN":
      return `cannot resolve the host of ${at}`;
    case "ECONNRESET":
    case "UND_ERR_SOCKET":
      return `connection closed by ${at} before it answered`;
    default:
      return `request to ${at} failed: ${scrub(failure.cause?.message ?? failure.message ?? String(error), request)}`;
  }
}

function describeStatus(response: Response, request: PrometheusRequest): string {
  const status = `HTTP ${response.status}${response.statusText ? ` ${response.statusText}` : ""}`;
  if (response.status === 401 || response.status === 403) return `${status}: check the headers configured for this source`;
  if (response.status === 404) return `${status} at ${redactUrl(request.url)}: check the source's url`;
  return status;
}

function notJson(response: Response, request: PrometheusRequest): string {
  const type = response.headers.get("content-type") ?? "no content type";
  return `answered ${redactUrl(request.url)} with something other than JSON (${type}): check that the source's url points at Prometheus`;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** An error message from fetch may quote the URL it was given, credentials included. */
function scrub(message: string, request: PrometheusRequest): string {
  const { username, password } = request.url;
  let scrubbed = message.replace(/\/\/[^/@\s]*@/g, "//");
  for (const secret of [password, username, decodeURIComponent(password), decodeURIComponent(username)]) {
    if (secret.length > 0) scrubbed = scrubbed.replaceAll(secret, "***");
  }
  return scrubbed;
}

function formatSeconds(ms: number): string {
  return `${Number((ms / 1000).toFixed(2))} s`;
}
