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
