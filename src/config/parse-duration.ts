const UNIT_MS = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 } as const;
type Unit = keyof typeof UNIT_MS;

/**
 * What a duration looks like: one or more `<number><unit>` parts (`30s`, `10m`, `1h30m`, `1.5h`).
 * Exported so the JSON schema carries the same pattern and editors flag bad values as users type.
 */
export const DURATION_PATTERN = /^\s*(\d+(\.\d+)?\s*(ms|s|m|h|d)\s*)+$/;

// `ms` before `m` so "5ms" is not read as five minutes followed by a stray "s".
const PART = /\s*(\d+(?:\.\d+)?)\s*(ms|s|m|h|d)\s*/y;

/** Milliseconds in a duration such as `10m` or `1h30m`; null when the text is not a duration. */
export function parseDuration(text: string): number | null {
  if (!DURATION_PATTERN.test(text)) return null;
  let total = 0;
  PART.lastIndex = 0;
  for (let match = PART.exec(text); match; match = PART.exec(text)) {
    total += Number(match[1]) * UNIT_MS[match[2] as Unit];
  }
  return Math.round(total);
}

/** Milliseconds back into the shortest text parseDuration reads, like `1h30m`; for messages. */
export function formatDuration(ms: number): string {
  const parts: string[] = [];
  let rest = ms;
  for (const [unit, size] of Object.entries(UNIT_MS).reverse()) {
    if (rest >= size || (parts.length === 0 && unit === "ms")) {
      const count = unit === "ms" ? rest : Math.floor(rest / size);
      parts.push(`${count}${unit}`);
      rest -= count * size;
    }
  }
  return parts.join("");
}
