/**
 * RFC 4180 CSV with CRLF line ends: a field holding a comma, quote or line break is quoted, quotes doubled.
 * Every reader (d3-dsv in Build Your Own Radar, spreadsheets) parses it back to the same cells.
 *
 * Cells come from issue titles and bodies anyone can write, and a spreadsheet runs a cell that starts with
 * `=`, `+`, `-`, `@`, tab or carriage return as a formula (CSV injection). Such a cell gets a leading `'`, as
 * OWASP advises: spreadsheets show it as text, and the quoting above still applies to the prefixed value.
 *
 * Every CSV Kaizen writes (radar and trend exports, DORA) goes through here, so the rule is kept once. `lineEnd`
 * is for a format published with `\n` before it came here (DORA), which readers parse all the same.
 */
export function formatCsv(header: readonly string[], rows: ReadonlyArray<ReadonlyArray<string>>, lineEnd: "\r\n" | "\n" = "\r\n"): string {
  return [header, ...rows].map((row) => row.map(csvField).join(",")).join(lineEnd) + lineEnd;
}

const FORMULA_START = /^[=+\-@\t\r]/;

function csvField(raw: string): string {
  const value = FORMULA_START.test(raw) ? `'${raw}` : raw;
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}
