import { codeBlock, codeSpan } from "../../markdown/markdown.js";

/** What an experiment expects of its metric: a direction, and optionally a size in percent of the baseline. */
export interface Expectation {
  direction: "lower" | "higher" | "any";
  /** The smallest relative change that confirms it, in percent (positive); null: any significant move that way. */
  pct: number | null;
  /** As written, for reports. */
  text: string;
}

export interface Hypothesis {
  metric: string;
  environment: string;
  expectation: Expectation;
}

export type ParsedHypothesis = { ok: true; hypothesis: Hypothesis } | { ok: false; problem: string; fix: string };

const EXAMPLE = "metric: p95 latency\nenvironment: production\nexpect: -10%";
const FIX_BLOCK = `Add three lines to the issue body, like:\n\n${codeBlock(EXAMPLE)}\n\n\`expect\` is a signed percentage (\`-10%\`, \`+5%\`), a direction (\`lower\`, \`higher\`) or \`any\`.`;

/**
 * Reads the hypothesis block of an experiment issue: `metric:`, `environment:` and `expect:` lines anywhere in the
 * body (in a code block or not; the first non-empty one of each counts, keys ignoring case). Every missing or
 * unreadable line is one problem, worded with its fix.
 */
export function parseHypothesis(body: string | null): ParsedHypothesis {
  const fields = new Map<string, string>();
  for (const line of (body ?? "").split(/\r?\n/)) {
    // The key by regex, the value by slicing and trim(): a lazy `(.+?)\s*$` backtracks over every whitespace run
    // of the value once per character before it, quadratic in a line a stranger can make 65 536 characters long.
    const key = /^\s*(?:[-*]\s+)?(metric|environment|expect)\s*:/i.exec(line);
    if (!key || fields.has(key[1]!.toLowerCase())) continue;
    const written = line.slice(key[0].length).trim();
    const value = (written.length > 1 && written.startsWith("`") && written.endsWith("`") ? written.slice(1, -1) : written).trim();
    if (value) fields.set(key[1]!.toLowerCase(), value);
  }
  const missing = ["metric", "environment", "expect"].filter((key) => !fields.get(key));
  if (missing.length > 0) {
    return { ok: false, problem: `The issue has no ${missing.map((k) => `\`${k}:\``).join(", ")} line, so Kaizen cannot tell what this experiment expects.`, fix: FIX_BLOCK };
  }
  const expectation = parseExpectation(fields.get("expect")!);
  if (!expectation) {
    return {
      ok: false,
      problem: `${codeSpan(`expect: ${fields.get("expect")}`)} is not an expectation Kaizen can check.`,
      fix: "Write a signed percentage like `-10%` (at least 10 % lower) or `+5%`, a direction (`lower`, `higher`), or `any` (any significant change).",
    };
  }
  return { ok: true, hypothesis: { metric: fields.get("metric")!, environment: fields.get("environment")!, expectation } };
}

function parseExpectation(text: string): Expectation | null {
  const lowered = text.toLowerCase();
  if (lowered === "any") return { direction: "any", pct: null, text };
  if (lowered === "lower" || lowered === "decrease") return { direction: "lower", pct: null, text };
  if (lowered === "higher" || lowered === "increase") return { direction: "higher", pct: null, text };
  const match = /^([+-])\s*(\d+(?:\.\d+)?)\s*%$/.exec(text);
  if (!match) return null;
  const pct = Number(match[2]);
  if (!Number.isFinite(pct) || pct <= 0) return null;
  return { direction: match[1] === "-" ? "lower" : "higher", pct, text };
}
