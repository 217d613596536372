/**
 * A p-value to three decimals, "< 0.001" below that (more digits only suggest false precision); "—" when the
 * test did not run. With `prose`, it reads inside a sentence: "p < 0.001", "p = 0.004", "no test".
 */
export function formatPValue(p: number | null, options: { prose?: boolean } = {}): string {
  if (p === null || !Number.isFinite(p)) return options.prose ? "no test" : "—";
  const text = p < 0.001 ? "< 0.001" : p.toFixed(3);
  if (!options.prose) return text;
  return p < 0.001 ? `p ${text}` : `p = ${text}`;
}
