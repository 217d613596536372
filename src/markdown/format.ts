/**
 * A measured value for people: three significant digits below 1 000 (enough to tell levels apart, few enough
 * to read), whole numbers with thousands grouped from 1 000 up, the unit after a space, "—" when there is no value.
 * With `signed`, positive values get a "+" so a change reads as a change.
 */
export function formatNumber(value: number | null, unit = "", options: { signed?: boolean } = {}): string {
  if (value === null || !Number.isFinite(value)) return "—";
  const rounded = Math.abs(value) >= 1000 ? Math.round(value) : Number(value.toPrecision(3));
  const digits = Math.abs(rounded) >= 1000 ? rounded.toLocaleString("en-US") : String(rounded);
  const sign = options.signed && rounded > 0 ? "+" : "";
  const text = rounded === 0 ? "0" : `${sign}${digits}`;
  return unit ? `${text} ${unit}` : text;
}
