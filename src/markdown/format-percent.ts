/** A relative change as "+50.0 %" / "-12.3 %" / "0.0 %" (one decimal, always signed); "—" when unknown. */
export function formatPercent(pct: number | null): string {
  if (pct === null || !Number.isFinite(pct)) return "—";
  const rounded = Math.round(pct * 10) / 10;
  if (rounded === 0) return "0.0 %";
  return `${rounded > 0 ? "+" : ""}${rounded.toFixed(1)} %`;
}
