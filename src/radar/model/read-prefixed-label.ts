const code = (text: string): string => `\`${text}\``;

/**
 * The one value named by the labels starting with `prefix` (prefix and value compared ignoring case; the value
 * comes back spelt as `values` spells it), or what is wrong: a label naming no value, several values, or none.
 * `what` names the kind in the problem sentences, which also say how to fix it.
 */
export function readPrefixedLabel<V extends string>(
  labels: readonly string[],
  prefix: string,
  values: readonly V[],
  what: string,
): { value: V | null; problems: string[] } {
  const found = labels.filter((label) => label.toLowerCase().startsWith(prefix.toLowerCase()));
  const known = found.filter((label) => valueOf(label, prefix, values) !== null);
  const choices = values.map((value) => code(prefix + value)).join(", ");
  const problems = found
    .filter((label) => !known.includes(label))
    .map((label) => `${code(label)} is not a ${what}: use one of ${choices}.`);
  if (known.length > 1) problems.push(`It has ${known.length} ${what} labels (${known.map(code).join(", ")}): keep one of them.`);
  if (found.length === 0) problems.push(`It has no ${what} label: add one of ${choices}.`);
  return { value: problems.length === 0 ? valueOf(known[0]!, prefix, values) : null, problems };
}

/** The value a single label names, or null when it has another prefix or names no known value. */
export function valueOf<V extends string>(label: string, prefix: string, values: readonly V[]): V | null {
  if (!label.toLowerCase().startsWith(prefix.toLowerCase())) return null;
  const name = label.slice(prefix.length).trim().toLowerCase();
  return values.find((value) => value.toLowerCase() === name) ?? null;
}
