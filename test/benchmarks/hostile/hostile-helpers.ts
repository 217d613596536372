import { zipSync, type Zippable } from "fflate";

/** Wall time of `run`, the fastest of `times` tries (the least disturbed by the rest of the machine). */
export function fastestMs(run: () => unknown, times = 3): number {
  let best = Infinity;
  for (let i = 0; i < times; i++) {
    const start = performance.now();
    run();
    best = Math.min(best, performance.now() - start);
  }
  return best;
}

/**
 * A zip whose entry `name` holds `bytes` zero bytes but declares `declared` in both its local header and the
 * central directory: what a hostile upload looks like (deflate packs zeros ~1 000:1).
 */
export function zipBomb(name: string, bytes: number, declared: number, others: Zippable = {}): Uint8Array {
  const zip = zipSync({ ...others, [name]: new Uint8Array(bytes) });
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  const target = new TextEncoder().encode(name);
  const nameAt = (at: number, length: number) => target.every((byte, i) => zip[at + i] === byte) && length === target.length;
  for (let at = 0; at + 46 < zip.length; at++) {
    const signature = view.getUint32(at, true);
    if (signature === 0x04034b50 && nameAt(at + 30, view.getUint16(at + 26, true))) view.setUint32(at + 22, declared, true);
    if (signature === 0x02014b50 && nameAt(at + 46, view.getUint16(at + 28, true))) view.setUint32(at + 24, declared, true);
  }
  return zip;
}

/** `go test -bench` text with `count` distinct benchmarks, one line each (~24 bytes a line). */
export function uniqueGoNames(count: number): string {
  const lines: string[] = [];
  for (let i = 0; i < count; i++) lines.push(`Benchmark${i.toString(36).toUpperCase()} 1 1 ns/op`);
  return lines.join("\n");
}

/** `go test -bench` text repeating one benchmark line `count` times (a `-count` run, or an attack on it). */
export function repeatedGoLines(count: number): string {
  return Array.from({ length: count }, (_, i) => `BenchmarkParse-8   1000000   ${1000 + (i % 97)} ns/op   48 B/op   2 allocs/op`).join("\n");
}
