import { inlineText } from "./inline-text.js";

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
