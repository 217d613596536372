import type { z } from "zod";

type Issue = Pick<z.core.$ZodIssueCustom, "path" | "message" | "params">;

const code = (text: string): string => `\`${text}\``;

/**
 * What the types alone cannot say about a `radar:` section: ring and quadrant names are unique ignoring case
 * (labels are matched that way), and the proposal ring is one of the rings.
 */
export function radarNameProblems(radar: { rings: string[]; quadrants: string[]; proposal_ring: string }): Issue[] {
  const problems: Issue[] = [];
  for (const key of ["rings", "quadrants"] as const) {
    const seen = new Set<string>();
    radar[key].forEach((name, index) => {
      if (seen.has(name.toLowerCase())) {
        const message = `${code(name)} is listed twice (names are compared ignoring case).`;
        problems.push({ path: [key, index], message, params: { fix: "Remove the second one." } });
      }
      seen.add(name.toLowerCase());
    });
  }
  if (!radar.rings.some((ring) => ring.toLowerCase() === radar.proposal_ring.toLowerCase())) {
    const fix = `Use one of ${radar.rings.map(code).join(", ")}.`;
    problems.push({ path: ["proposal_ring"], message: `${code(radar.proposal_ring)} is not one of the rings.`, params: { fix } });
  }
  return problems;
}
