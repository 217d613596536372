/**
 * GitHub rejects issue and comment bodies over 65 536 characters and check-run summaries over 65 535; cutting at
 * the lower serves both. (JavaScript counts UTF-16 units, never fewer than GitHub's characters, so this is safe.)
 */
export const GITHUB_BODY_LIMIT = 65_535;

export const TRUNCATION_NOTE =
  "\n\n---\n_Kaizen cut this text short: it was longer than GitHub's limit of 65 536 characters._\n";

/**
 * The body unchanged when it fits, else cut at a line end with a note appended. An open code fence or
 * `<details>` block at the cut is closed first, so the note renders as text rather than inside them.
 */
export function truncateBody(body: string, limit = GITHUB_BODY_LIMIT): string {
  if (body.length <= limit) return body;
  // Room for the note and for closing what the cut leaves open.
  let cut = body.slice(0, Math.max(0, limit - TRUNCATION_NOTE.length - 200));
  const lineEnd = cut.lastIndexOf("\n");
  if (lineEnd > 0) cut = cut.slice(0, lineEnd);
  else if (/[\uD800-\uDBFF]$/.test(cut)) cut = cut.slice(0, -1);
  const truncated = cut + closeOpenBlocks(cut) + TRUNCATION_NOTE;
  return truncated.length <= limit ? truncated : body.slice(0, limit - TRUNCATION_NOTE.length) + TRUNCATION_NOTE;
}

function closeOpenBlocks(markdown: string): string {
  let fence: string | null = null;
  for (const line of markdown.split("\n")) {
    const marker = /^ {0,3}(`{3,}|~{3,})/.exec(line)?.[1];
    if (!marker) continue;
    if (fence === null) fence = marker;
    else if (marker[0] === fence[0] && marker.length >= fence.length && line.trim() === marker) fence = null;
  }
  const openDetails = count(markdown, /<details>/g) - count(markdown, /<\/details>/g);
  return (fence ? `\n${fence}` : "") + "\n</details>".repeat(Math.max(0, openDetails));
}

function count(text: string, pattern: RegExp): number {
  return text.match(pattern)?.length ?? 0;
}
