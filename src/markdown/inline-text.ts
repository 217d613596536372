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
