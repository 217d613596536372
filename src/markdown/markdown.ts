/** Text as a fenced code block whose fence is longer than any backtick run inside, so the text cannot end it. */
export function codeBlock(text: string, language = ""): string {
  const longest = Math.max(0, ...(text.match(/`+/g) ?? []).map((run) => run.length));
  const fence = "`".repeat(Math.max(3, longest + 1));
  return `${fence}${language}\n${text.replace(/\r\n/g, "\n")}\n${fence}`;
}
