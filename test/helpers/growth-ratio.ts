/**
 * How much longer `read` takes on `input(n * factor)` than on `input(n)`: about `factor` when it is linear, its
 * square when quadratic. Each time is the fastest of three fresh, flat copies (V8 caches a regex's last result per
 * string and flattens a built-up string on first use; either would time the cache rather than the reader), and
 * the small one is floored at 1 ms so a collector pause on a tiny input does not read as growth.
 */
export function growthRatio<T extends string | string[]>(read: (input: T) => unknown, input: (n: number) => T, n: number, factor: number): number {
  const fresh = (value: T, copy: number): T =>
    (Array.isArray(value) ? value.map((v) => Buffer.from(`${v}${copy}`).toString()) : Buffer.from(`${value}${copy}`).toString()) as T;
  const time = (value: T): number => {
    let best = Infinity;
    for (const copy of [1, 2, 3]) {
      const flat = fresh(value, copy);
      const start = process.hrtime.bigint();
      read(flat);
      best = Math.min(best, Number(process.hrtime.bigint() - start) / 1e6);
    }
    return best;
  };
  time(input(n));
  const small = time(input(n));
  return time(input(n * factor)) / Math.max(small, 1);
}
