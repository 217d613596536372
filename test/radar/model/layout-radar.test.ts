import fc from "fast-check";
import { layoutRadar } from "../../../src/radar/model/layout-radar.js";
import type { RadarSnapshot, RadarSnapshotItem } from "../../../src/radar/model/radar-snapshot.js";
import { radarSnapshotFixture } from "../radar-snapshot-fixture.js";

function snapshotWith(rings: string[], quadrants: string[], cells: Array<[number, number]>): RadarSnapshot {
  const base = radarSnapshotFixture();
  const items: RadarSnapshotItem[] = cells.map(([r, q], i) => ({
    ...base.items[1]!,
    number: i + 1,
    title: `Item ${i}`,
    ring: rings[r % rings.length]!,
    quadrant: quadrants[q % quadrants.length]!,
  }));
  return { ...base, rings, quadrants, items };
}

describe("layoutRadar", () => {
  it("marks the fixture's blips as moved in, moved out, new or unchanged, and leaves retired and pending items off", () => {
    const drawing = layoutRadar(radarSnapshotFixture());
    expect(drawing.blips.map((b) => [b.title, b.ring, b.moved])).toEqual([
      ["Jenkins", "hold", "out"],
      ["Kubernetes", "trial", null],
      ["Bun", "assess", "new"],
      ["TypeScript", "adopt", "in"],
    ]);
    expect(drawing.blips.map((b) => b.index)).toEqual([1, 2, 3, 4]);
  });

  it("places every blip inside its ring and its quadrant, apart from the others, for any radar", () => {
    const names = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => `${prefix}${i}`);
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 6 }),
        fc.integer({ min: 1, max: 8 }),
        fc.array(fc.tuple(fc.nat(5), fc.nat(7)), { maxLength: 60 }),
        (ringCount, quadrantCount, cells) => {
          const rings = names("r", ringCount);
          const quadrants = names("q", quadrantCount);
          const drawing = layoutRadar(snapshotWith(rings, quadrants, cells));
          expect(drawing.blips).toHaveLength(cells.length);
          for (const blip of drawing.blips) {
            const ring = drawing.rings.find((r) => r.name === blip.ring)!;
            const quadrant = drawing.quadrants.find((q) => q.name === blip.quadrant)!;
            const dx = blip.x - drawing.center;
            const dy = blip.y - drawing.center;
            const distance = Math.hypot(dx, dy);
            expect(distance).toBeGreaterThan(ring.innerRadius);
            expect(distance).toBeLessThan(ring.radius);
            let angle = Math.atan2(dy, dx);
            while (angle < quadrant.startAngle) angle += 2 * Math.PI;
            expect(angle).toBeLessThan(quadrant.endAngle);
          }
          const spots = new Set(drawing.blips.map((b) => `${b.x},${b.y}`));
          expect(spots.size).toBe(drawing.blips.length);
        },
      ),
    );
  });

  it("gives the same drawing for the same snapshot", () => {
    expect(layoutRadar(radarSnapshotFixture())).toEqual(layoutRadar(radarSnapshotFixture()));
  });
});
