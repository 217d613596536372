// Code and comments are not mentions: GitHub does not link `#12` inside them either.
const NOT_PROSE = /```[\s\S]*?(?:```|$)|~~~[\s\S]*?(?:~~~|$)|`[^`\n]*`|<!--[\s\S]*?(?:-->|$)/g;
// Not after a word character, `/`, `&` or `#`: `owner/repo#12` is another repository's issue, `page#12` a
// URL fragment, `&#12;` an HTML entity, `##12` a heading.
const MENTION = /(?<![\w/&#])#(\d{1,10})(?!\w)/g;
const MAX_ISSUE_NUMBER = 2 ** 31 - 1;

/**
 * The issue numbers an issue body mentions as `#123`, each once, in ascending order. Only this repository's
 * issues: a cross-repository reference (`owner/repo#12`) is not one of them.
 */
export function parseIssueMentions(body: string | null | undefined): number[] {
  if (!body) return [];
  const prose = body.replace(NOT_PROSE, " ");
  const numbers = new Set<number>();
  for (const match of prose.matchAll(MENTION)) {
    const number = Number(match[1]);
    if (number >= 1 && number <= MAX_ISSUE_NUMBER) numbers.add(number);
  }
  return [...numbers].sort((a, b) => a - b);
}
