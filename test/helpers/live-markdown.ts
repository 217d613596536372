/*
 * Finding what is live in Markdown Kaizen wrote: the text GitHub would link, mention or interpret, outside code.
 * Shared by the template tests, the parsers' fuzzing and the webhook tests of hostile names.
 */

/** The attack: pings a team, plants a phishing link, cross-references an issue. */
export const ATTACK = "X @octo-org/security-team [Fix here](https://evil.example/login) closes #9999";
/** Breaking out of Kaizen's own structure: a marker, the details block, a table cell, a code span, HTML, an entity. */
export const BREAKOUT = "a | b `c <!-- kaizen:pr --> </details><img src=x onerror=alert(1)> &#64;octocat <https://evil.example> www.evil.example \\";
export const HOSTILE = `${ATTACK}\n# heading ${BREAKOUT}`;

/**
 * The Markdown outside code spans and fenced blocks: what GitHub links, mentions and interprets. Scanned as
 * CommonMark does: outside code a backslash escapes the next character (an escaped backtick opens nothing); a
 * backtick run opens a code span closed by the next run of exactly its length, with no escapes inside.
 */
export function liveText(markdown: string): string {
  const text = markdown.replace(/<!-- kaizen:\S+ -->/g, " ").replace(/^(`{3,})[^\n]*\n[\s\S]*?\n\1$/gm, "");
  let live = "";
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    if (c === "\\") {
      live += " ";
      i += 2;
      continue;
    }
    if (c !== "`") {
      live += c;
      i++;
      continue;
    }
    let run = 0;
    while (text[i + run] === "`") run++;
    const closing = /`+/g;
    closing.lastIndex = i + run;
    let close = -1;
    for (let m = closing.exec(text); m; m = closing.exec(text)) {
      if (m[0].length === run) {
        close = m.index;
        break;
      }
    }
    if (close < 0) {
      live += " ".repeat(run);
      i += run;
      continue;
    }
    live += " ";
    i = close + run;
  }
  return live;
}

/** Every way the hostile text could be live in `markdown`; an empty list means inert. */
export function liveAttacks(markdown: string): string[] {
  const live = liveText(markdown);
  const found: string[] = [];
  if (/@octo-org|@octocat|&#64;/i.test(live)) found.push("mention");
  if (/#9999/.test(live)) found.push("issue reference");
  if (/\]\(https:\/\/evil|https:\/\/evil|<https|www\.evil/i.test(live)) found.push("link");
  if (/<img|<\/details><img/i.test(live)) found.push("HTML");
  // Kaizen's marker may appear once, as its own first line; never from the attacker's text.
  const markers = markdown.split("<!-- kaizen:pr -->").length - 1;
  if (markers > (markdown.startsWith("<!-- kaizen:pr -->") ? 1 : 0)) found.push("marker");
  if (/^#+ heading/m.test(live)) found.push("heading");
  return found;
}

/**
 * Every live construct in `markdown` that user text could have planted, whatever the text: a mention (`@x`), an issue
 * reference (`#1`, `GH-1`), a closing keyword with one, a link or autolink, raw HTML or an HTML comment.
 * `allowMentions` lists the logins Kaizen itself addresses (`@{{login}}` at the start of a reply).
 */
export function liveUserText(markdown: string, { allowMentions = [] as string[] } = {}): string[] {
  let live = liveText(markdown);
  for (const login of allowMentions) live = live.split(`@${login}`).join(" ");
  const found: string[] = [];
  if (/@[\w-]/.test(live)) found.push("mention");
  if (/(^|[^\w&])#\d|\bGH-\d/i.test(live)) found.push("issue reference");
  if (/\b(close[sd]?|fix(e[sd])?|resolve[sd]?)\s*:?\s+[\w./-]*#\d/i.test(live)) found.push("closing keyword");
  if (/\]\(|:\/\/|\bwww\./i.test(live)) found.push("link");
  if (/<[A-Za-z!/?]/.test(live)) found.push("HTML");
  return found;
}
