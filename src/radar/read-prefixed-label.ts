const code = (text: string): string => `\`${text}\``;

/**
 * The one value named by the labels starting with `prefix` (prefix and value compared ignoring case; the value
 * comes back spelt as `values` spells it), or what is wrong: no such label, several, or one naming no value.
 * `what` names the kind in the problem sentence, which also says how to fix it.
 */
export function readPrefixedLabel<V extends string>(
  labels: readonly string[],
  prefix: string,
  values: readonly V[],
  what: string,
): { value: V | null; problem: string | null } {
  const found = labels.filter((label) => label.toLowerCase().startsWith(prefix.toLowerCase()));
  const choices = values.map((value) => code(prefix + value)).join(", ");
  if (found.length === 0) return { value: null, problem: `It has no ${what} label: add one of ${choices}.` };
  if (found.length > 1) {
    return { value: null, problem: `It has ${found.length} ${what} labels (${found.map(code).join(", ")}): keep one of them.` };
  }
  const label = found[0]!;
  const value = valueOf(label, prefix, values);
  if (value === null) return { value: null, problem: `${code(label)} is not a ${what}: use one of ${choices}.` };
  return { value, problem: null };
}

/** The value a single label names, or null when it has another prefix or names no known value. */
export function valueOf<V extends string>(label: string, prefix: string, values: readonly V[]): V | null {
  if (!label.toLowerCase().startsWith(prefix.toLowerCase())) return null;
  const name = label.slice(prefix.length).trim().toLowerCase();
  return values.find((value) => value.toLowerCase() === name) ?? null;
}
