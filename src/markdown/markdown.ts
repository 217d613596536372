/** Text as a fenced code block whose fence is longer than any backtick run inside, so the text cannot end it. */
export function codeBlock(text: string, language = ""): string {
  const longest = Math.max(0, ...(text.match(/`+/g) ?? []).map((run) => run.length));
  const fence = "`".repeat(Math.max(3, longest + 1));
  return `${fence}${language}\n${text.replace(/\r\n/g, "\n")}\n${fence}`;
}

/**
 * Text as an inline code span that its own backticks cannot close: the fence is one backtick longer than the
 * longest run inside (CommonMark). Newlines become spaces. With `inTable`, pipes are escaped: GitHub splits
 * table cells before it parses code spans, and renders `\|` inside a cell's code span as a plain "|".
 */
export function codeSpan(text: string, options: { inTable?: boolean } = {}): string {
  const flat = text.replace(/\s*\r?\n\s*/g, " ");
  if (flat === "") return "";
  const longest = Math.max(0, ...(flat.match(/`+/g) ?? []).map((run) => run.length));
  const fence = "`".repeat(longest + 1);
  const pad = flat.startsWith("`") || flat.endsWith("`") ? " " : "";
  const body = options.inTable ? flat.replace(/\|/g, "\\|") : flat;
  return `${fence}${pad}${body}${pad}${fence}`;
}

/**
 * User-controlled text (metric names, environments, reasons) made safe for one line of Markdown, table cells
 * included: newlines would end a table row, "|" would start a new cell, and a "<" that starts a tag could open
 * or close HTML such as the `<details>` block around our tables ("p < 0.001" stays as it is).
 */
export function inlineText(value: unknown): string {
  return String(value ?? "")
    .replace(/\s*\r?\n\s*/g, " ")
    .replace(/<(?=[A-Za-z/!?])/g, "&lt;")
    .replace(/\|/g, "\\|");
}

/**
 * `[label](url)`, or "—" without a URL. Characters that end or split a link destination (spaces, parentheses,
 * angle brackets) are percent-encoded, which leaves the URL meaning the same.
 */
export function markdownLink(label: string, url: string | null): string {
  if (!url) return "—";
  const safeUrl = url.replace(/[\s()<>]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, "0")}`);
  const safeLabel = inlineText(label).replace(/[[\]]/g, "\\$&");
  return `[${safeLabel}](${safeUrl})`;
}
