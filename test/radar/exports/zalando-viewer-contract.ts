import type { ZalandoRadar } from "../../../src/radar/exports/radar-export-zalando.js";

/**
 * What zalando/tech-radar's `docs/radar.js` (MIT; read at commit ebcbce3, 2026-05) reads from its config, as a
 * list of the problems that would break it; empty means it draws. It loops `for quadrant < 4` and `ring < 4`
 * reading `config.quadrants[q].name` and `config.rings[r].name` / `.color`, files each entry under
 * `segmented[entry.quadrant][entry.ring]`, and its legend draws `moved` 1 ▲, −1 ▼, 2 ★ new, else ⬤.
 */
export function zalandoViewerProblems(radar: ZalandoRadar): string[] {
  const problems: string[] = [];
  if (radar.quadrants.length !== 4) problems.push(`${radar.quadrants.length} quadrants, not 4`);
  if (radar.rings.length !== 4) problems.push(`${radar.rings.length} rings, not 4`);
  for (let q = 0; q < 4; q++) if (typeof radar.quadrants[q]?.name !== "string") problems.push(`quadrants[${q}] has no name`);
  for (let r = 0; r < 4; r++) {
    if (typeof radar.rings[r]?.name !== "string") problems.push(`rings[${r}] has no name`);
    if (!/^#[0-9a-f]{3,8}$/i.test(radar.rings[r]?.color ?? "")) problems.push(`rings[${r}] has no color`);
  }
  radar.entries.forEach((entry, i) => {
    const index = (value: number) => Number.isInteger(value) && value >= 0 && value < 4;
    if (!index(entry.quadrant) || !index(entry.ring)) problems.push(`entries[${i}] is outside the 4 × 4 segments`);
    if (![-1, 0, 1, 2].includes(entry.moved)) problems.push(`entries[${i}].moved ${entry.moved} is not -1, 0, 1 or 2`);
    if (typeof entry.label !== "string" || typeof entry.active !== "boolean") problems.push(`entries[${i}] lacks label or active`);
  });
  return problems;
}
