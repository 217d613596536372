/** Text as a fenced code block whose fence is longer than any backtick run inside, so the text cannot end it. */
export function codeBlock(text: string, language = ""): string {
  const fence = "`".repeat(Math.max(3, longestBacktickRun(text) + 1));
  return `${fence}${language}\n${defuseMarkers(text.replace(/\r\n?/g, "\n"))}\n${fence}`;
}

/**
 * Text as an inline code span that its own backticks cannot close: the fence is one backtick longer than the
 * longest run inside (CommonMark). Newlines become spaces. With `inTable`, pipes are escaped: GitHub splits
 * table cells before it parses code spans, and renders `\|` inside a cell's code span as a plain "|".
 * Code is already inert to GitHub (no mentions, references or links inside it); only an HTML comment opener is
 * defused, so a name like `<!-- kaizen:pr -->` cannot plant Kaizen's marker in a body Kaizen writes.
 */
export function codeSpan(text: string, options: { inTable?: boolean } = {}): string {
  const flat = flattenLines(text);
  if (flat === "") return "";
  const fence = "`".repeat(longestBacktickRun(flat) + 1);
  const pad = flat.startsWith("`") || flat.endsWith("`") ? " " : "";
  const body = defuseMarkers(options.inTable ? flat.replace(/\|/g, "\\|") : flat);
  return `${fence}${pad}${body}${pad}${fence}`;
}

/**
 * User-controlled text (metric, benchmark and branch names, titles, reasons) made inert for one line of
 * Markdown, table cells included. This is the one place user text is neutralised: templates apply it to every
 * `{{field}}` and every `{{text …}}`. Outside code spans it
 * - keeps it on one line and in its table cell (newlines, `|`);
 * - opens no HTML, comment or entity (`<tag`, `<!--`, `&#64;`) and no quote, heading or list at a line start;
 * - pings nobody and references nothing: `@user`, `@org/team`, `#1`, `GH-1`, `org/repo#1` and `closes #1` get a
 *   zero-width space after `@`/`#`, which GitHub shows as nothing but does not link;
 * - links nowhere: `[label](url)` brackets are escaped, and `https://`, `www.` lose their autolink;
 * - cannot escape the next character Kaizen writes (a trailing `\`). Emphasis (`*`, `_`) is left alone: it
 *   cannot leave a cell or a line, and escaping it would spoil names like `http_req_duration`.
 * Code spans inside the text (reasons Kaizen wrote, names with backticks) stay code spans: GitHub already keeps
 * them inert. A lone backtick is escaped. Linear in the length of the text.
 */
export function inlineText(value: unknown): string {
  const text = flattenLines(String(value ?? ""));
  let out = "";
  let at = 0;
  for (const span of findCodeSpans(text)) {
    out += inertPlain(text.slice(at, span.start), at === 0);
    out += defuseMarkers(text.slice(span.start, span.end).replace(/\|/g, "\\|"));
    at = span.end;
  }
  return out + inertPlain(text.slice(at), at === 0);
}

/**
 * User text made inert for plain-text places GitHub still scans (issue and check-run titles): no mention and no
 * issue reference, nothing else changed.
 */
export function inertTitle(value: unknown): string {
  return flattenLines(String(value ?? "")).replace(/([@#])(?=[\w-])/g, `$1${ZWSP}`).replace(/\b(GH)-(?=\d)/gi, `$1-${ZWSP}`);
}

/**
 * `[label](url)`, or the label alone without a usable URL. Only http(s) URLs are linked (a `javascript:` URL is
 * no link); characters that end or split a link destination are percent-encoded, which leaves the URL meaning
 * the same.
 */
export function markdownLink(label: string, url: string | null): string {
  const safeUrl = linkDestination(url);
  if (!safeUrl) return url ? inlineText(label) : "—";
  return `[${inlineText(label)}](${safeUrl})`;
}

/** A URL for a Markdown link destination `[…](here)`: http(s) only, else "" (the link then goes nowhere). */
export function linkDestination(url: string | null | undefined): string {
  if (!url || !/^https?:\/\//i.test(url)) return "";
  return url.replace(/[\s()<>\\`"']/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, "0")}`);
}

const ZWSP = "\u200B";

/** One line: each line trimmed, joined by one space (split, not a `\s*\n\s*` regex, which is quadratic on spaces). */
function flattenLines(text: string): string {
  if (!/[\r\n]/.test(text)) return text;
  return text
    .split(/\r\n|\r|\n/)
    .map((line) => line.trim())
    .filter((line) => line !== "")
    .join(" ");
}

function longestBacktickRun(text: string): number {
  let longest = 0;
  for (const run of text.match(/`+/g) ?? []) longest = Math.max(longest, run.length);
  return longest;
}

function defuseMarkers(text: string): string {
  return text.replace(/<!--/g, `<${ZWSP}!--`).replace(/-->/g, `--${ZWSP}>`);
}

/** CommonMark code spans: a backtick run closed by the next run of the same length. Linear: one pass over the runs. */
function findCodeSpans(text: string): Array<{ start: number; end: number }> {
  const runs = [...text.matchAll(/`+/g)].map((m) => ({ start: m.index, length: m[0].length }));
  // For each run, the index of the next run of the same length (scanning backwards keeps this linear).
  const nextSame = new Array<number>(runs.length).fill(-1);
  const lastByLength = new Map<number, number>();
  for (let i = runs.length - 1; i >= 0; i--) {
    const run = runs[i]!;
    nextSame[i] = lastByLength.get(run.length) ?? -1;
    lastByLength.set(run.length, i);
  }
  const spans: Array<{ start: number; end: number }> = [];
  for (let i = 0; i < runs.length; i++) {
    const close = nextSame[i]!;
    if (close < 0) continue;
    const open = runs[i]!;
    const closing = runs[close]!;
    spans.push({ start: open.start, end: closing.start + closing.length });
    i = close;
  }
  return spans;
}

/** Plain (non-code) user text made inert; `atLineStart` when it may begin a Markdown line. */
function inertPlain(text: string, atLineStart: boolean): string {
  let out = text
    .replace(/[\\`[\]|]/g, "\\$&")
    .replace(/&(?=[#A-Za-z])/g, "&amp;")
    .replace(/<(?=[A-Za-z/!?])/g, "&lt;")
    .replace(/([@#])(?=[\w-])/g, `$1${ZWSP}`)
    .replace(/\b(GH)-(?=\d)/gi, `$1-${ZWSP}`)
    .replace(/:\/\//g, `:${ZWSP}//`)
    .replace(/\b(www)\./gi, `$1${ZWSP}.`);
  if (atLineStart) out = out.replace(/^(\s*)([>+=-]|\d+[.)])/, (_, space: string, mark: string) => `${space}${mark.replace(/[>+=-]|[.)]$/, "\\$&")}`);
  return out;
}
