// `(?:\s*:)?\s+`, not `\s*:?\s+`: the two adjacent whitespace runs of the latter split a run of n spaces n ways,
// each tried when no `#` follows (quadratic); this reads the same texts with one way.
const CLOSING = /\b(?:close[sd]?|fix(?:e[sd])?|resolve[sd]?)(?:\s*:)?\s+(?:([\w.-]+)\/([\w.-]+))?#(\d+)\b/gi;
const MENTION = /(?:^|[^\w/&])#(\d+)\b/g;
const FULL_MENTION = /(?:^|[^\w/.-])([\w.-]+)\/([\w.-]+)#(\d+)\b/g;

/** GitHub numbers issues from 1 in a 32-bit integer (as Kaizen's tables store them): `#99999999999` names none. */
const isIssueNumber = (n: number): boolean => Number.isInteger(n) && n >= 1 && n <= 2_147_483_647;

/**
 * Issue numbers a pull request body closes with GitHub's closing keywords (`closes #12`, `Fixes: owner/repo#3`),
 * in this repository only (compared ignoring case, as GitHub does).
 */
export function closingIssueNumbers(body: string | null, { owner, repo }: { owner: string; repo: string }): number[] {
  const found = new Set<number>();
  for (const match of (body ?? "").matchAll(CLOSING)) {
    const [, refOwner, refRepo, number] = match;
    const sameRepo = !refOwner || (refOwner.toLowerCase() === owner.toLowerCase() && refRepo!.toLowerCase() === repo.toLowerCase());
    if (sameRepo && isIssueNumber(Number(number))) found.add(Number(number));
  }
  return [...found];
}

/**
 * Issue numbers an issue body mentions as `#123`, or as `owner/repo#123` naming this repository (compared ignoring
 * case); not another repository's, and not inside a word or a URL fragment.
 */
export function mentionedIssueNumbers(body: string | null, self: number, { owner, repo }: { owner: string; repo: string }): number[] {
  const found = new Set<number>();
  for (const match of (body ?? "").matchAll(MENTION)) {
    const number = Number(match[1]);
    if (number !== self && isIssueNumber(number)) found.add(number);
  }
  for (const [, refOwner, refRepo, n] of (body ?? "").matchAll(FULL_MENTION)) {
    const number = Number(n);
    if (number !== self && isIssueNumber(number) && refOwner!.toLowerCase() === owner.toLowerCase() && refRepo!.toLowerCase() === repo.toLowerCase()) found.add(number);
  }
  return [...found].sort((a, b) => a - b);
}
