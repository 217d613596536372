/** What a comment starting with `/radar` asks for, judged against the configured rings. */
export type RadarCommand =
  | { kind: "move"; ring: string; reason: string }
  /** `/radar move` without a ring, or a subcommand other than `move`. */
  | { kind: "usage" }
  | { kind: "unknown-ring"; given: string }
  | { kind: "missing-reason"; ring: string };

// A ring glued to an em or en dash (`trial—why`) is still a ring and a separator.
const RING_AND_REST = /^([^\s—–]+)(.*)$/s;
// `--` before `-`, so the second hyphen is not taken for the start of the reason.
const SEPARATOR = /^(?:—|–|--|-)/;

/**
 * Parses `/radar move <ring> — <reason>` from the first line of a comment; null when the comment is not a
 * radar command. The dash may be `—`, `–`, `--` or `-`; the ring is matched case-insensitively and returned
 * as configured. The reason is the rest of the first line (further lines are free text for the humans).
 */
export function parseRadarCommand(body: string | null | undefined, rings: readonly string[]): RadarCommand | null {
  const firstLine = (body ?? "").trimStart().split(/\r?\n/, 1)[0]!.trim();
  const command = /^\/radar(?:\s+(.*))?$/i.exec(firstLine);
  if (!command) return null;
  const move = /^move(?:\s+(.*))?$/i.exec(command[1] ?? "");
  if (!move?.[1]) return { kind: "usage" };

  const [, given = "", rest = ""] = RING_AND_REST.exec(move[1]) ?? [];
  // `/radar move — why` names no ring at all.
  if (given === "" || /^-+$/.test(given)) return { kind: "usage" };
  const ring = rings.find((name) => name.toLowerCase() === given.toLowerCase());
  if (!ring) return { kind: "unknown-ring", given };
  const reason = rest.trim().replace(SEPARATOR, "").trim();
  return reason ? { kind: "move", ring, reason } : { kind: "missing-reason", ring };
}
