const CLOSING = /\b(?:close[sd]?|fix(?:e[sd])?|resolve[sd]?)\s*:?\s+(?:([\w.-]+)\/([\w.-]+))?#(\d+)\b/gi;
const MENTION = /(?:^|[^\w/&])#(\d+)\b/g;
const FULL_MENTION = /(?:^|[^\w/.-])([\w.-]+)\/([\w.-]+)#(\d+)\b/g;

/**
 * Issue numbers a pull request body closes with GitHub's closing keywords (`closes #12`, `Fixes: owner/repo#3`),
 * in this repository only (compared ignoring case, as GitHub does).
 */
export function closingIssueNumbers(body: string | null, { owner, repo }: { owner: string; repo: string }): number[] {
  const found = new Set<number>();
  for (const match of (body ?? "").matchAll(CLOSING)) {
    const [, refOwner, refRepo, number] = match;
    const sameRepo = !refOwner || (refOwner.toLowerCase() === owner.toLowerCase() && refRepo!.toLowerCase() === repo.toLowerCase());
    if (sameRepo) found.add(Number(number));
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
    if (number !== self) found.add(number);
  }
  for (const [, refOwner, refRepo, n] of (body ?? "").matchAll(FULL_MENTION)) {
    const number = Number(n);
    if (number !== self && refOwner!.toLowerCase() === owner.toLowerCase() && refRepo!.toLowerCase() === repo.toLowerCase()) found.add(number);
  }
  return [...found].sort((a, b) => a - b);
}
