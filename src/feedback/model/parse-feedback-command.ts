import { formatDuration, parseDuration } from "../../config/parse-duration.js";

/** What a comment starting with `/kaizen` asks for. */
export type FeedbackCommand =
  /** The verdict this issue (or, on a pull request, the named metric's regression, or every one) is a false alarm. */
  | { kind: "false-alarm"; metric: string | null; reason: string }
  /** A regression of `metric` this pull request's deploy caused that Kaizen did not flag. */
  | { kind: "missed"; metric: string; reason: string }
  | { kind: "mute"; subject: string; durationMs: number; reason: string }
  | { kind: "unmute"; subject: string }
  /** Undo the marks made on this issue or pull request. */
  | { kind: "undo" }
  /** Not a command Kaizen can carry out; `problem` follows "@login, ". */
  | { kind: "usage"; problem: string };

/** The longest mute: past this, change the config instead. */
export const MAX_MUTE_MS = 90 * 86_400_000;

// The reason follows a dash with space around it (`—`, `–`, `--`, `-`), so names like `error-rate` stay whole;
// an em or en dash needs no space. A match starts only where a whitespace run starts (`(?<!\s)`): the leftmost
// match is the same, but each run is scanned once instead of once from each of its characters (quadratic).
const SEPARATOR = /(?<!\s)\s*[—–]\s*|(?<!\s)\s+--?\s+/;

/**
 * Parses the first line of a comment: `/kaizen false-alarm [<metric>] — <reason>`, `/kaizen missed <metric> —
 * <reason>`, `/kaizen mute <metric or benchmark> <duration> — <reason>`, `/kaizen unmute <metric or benchmark>`,
 * `/kaizen undo`. Null when the comment is not a `/kaizen` command; a `usage` problem when it is one written wrong.
 */
export function parseFeedbackCommand(body: string | null | undefined): FeedbackCommand | null {
  const firstLine = (body ?? "").trimStart().split(/\r?\n/, 1)[0]!.trim();
  const command = /^\/kaizen(?:\s+(\S+)(.*))?$/i.exec(firstLine);
  if (!command) return null;
  const verb = (command[1] ?? "").toLowerCase();
  const { subject, reason } = splitReason(command[2] ?? "");
  switch (verb) {
    case "false-alarm":
      return reason ? { kind: "false-alarm", metric: subject || null, reason } : missingReason();
    case "missed":
      if (!subject) return { kind: "usage", problem: "please name the metric Kaizen missed." };
      return reason ? { kind: "missed", metric: subject, reason } : missingReason();
    case "mute":
      return parseMute(subject, reason);
    case "unmute":
      return subject ? { kind: "unmute", subject } : { kind: "usage", problem: "please name the metric or benchmark to unmute." };
    case "undo":
      return { kind: "undo" };
    default:
      return { kind: "usage", problem: verb ? `\`${shortVerb(verb)}\` is not a Kaizen command.` : "which command?" };
  }
}

function parseMute(subject: string, reason: string): FeedbackCommand {
  const words = subject.split(/\s+/).filter(Boolean);
  const duration = words.length > 1 ? parseDuration(words[words.length - 1]!) : null;
  if (duration === null) return { kind: "usage", problem: "please name the metric or benchmark, then how long, like `2d` or `12h`." };
  if (duration <= 0 || duration > MAX_MUTE_MS) {
    return { kind: "usage", problem: `a mute lasts between a minute and ${formatDuration(MAX_MUTE_MS)}; for longer, change the metric in kaizen.yml.` };
  }
  if (!reason) return missingReason();
  return { kind: "mute", subject: words.slice(0, -1).join(" "), durationMs: duration, reason };
}

/** The unknown verb as the reply quotes it: no backtick to close its code span, and short (it is one word). */
function shortVerb(verb: string): string {
  const bare = verb.replace(/`/g, "");
  return bare.length > 40 ? `${bare.slice(0, 40)}…` : bare;
}

function missingReason(): FeedbackCommand {
  return { kind: "usage", problem: "please say why: write the reason after a dash, so the history keeps it." };
}

function splitReason(rest: string): { subject: string; reason: string } {
  const match = SEPARATOR.exec(rest);
  if (!match) return { subject: rest.trim(), reason: "" };
  return { subject: rest.slice(0, match.index).trim(), reason: rest.slice(match.index + match[0].length).trim() };
}
