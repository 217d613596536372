import type { NewRadarItem } from "../../src/radar/model/radar-item.js";

/**
 * A radar item to store for the issue `at` names: an active radar issue titled `Item <number>`, with no body, no
 * ring or quadrant, no 👍 and no problem, but for what `fields` sets.
 */
export function newRadarItem(
  at: Pick<NewRadarItem, "repoId" | "owner" | "repo" | "installationId" | "issueNumber" | "url">,
  fields: Partial<NewRadarItem> = {},
): NewRadarItem {
  return {
    ...at,
    kind: "radar",
    title: `Item ${at.issueNumber}`,
    body: "",
    ring: null,
    quadrant: null,
    trend: null,
    impact: null,
    status: "active",
    thumbsUp: 0,
    problem: null,
    announcedProblem: null,
    ...fields,
  };
}
