/**
 * RFC 4180 CSV with CRLF line ends: a field holding a comma, quote or line break is quoted, quotes doubled.
 * Every reader (d3-dsv in Build Your Own Radar, spreadsheets) parses it back to the same cells.
 */
export function formatCsv(header: readonly string[], rows: ReadonlyArray<ReadonlyArray<string>>): string {
  return [header, ...rows].map((row) => row.map(csvField).join(",")).join("\r\n") + "\r\n";
}

function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}
