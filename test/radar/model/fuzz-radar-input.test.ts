import fc from "fast-check";
import { RadarConfig } from "../../../src/config/schema/radar-config.js";
import { parseIssueMentions } from "../../../src/radar/model/parse-issue-mentions.js";
import { parseRadarCommand } from "../../../src/radar/model/parse-radar-command.js";
import { readRadarLabels } from "../../../src/radar/model/read-radar-labels.js";
import { readTrendLabels, TREND_DIRECTIONS, TREND_IMPACTS } from "../../../src/radar/model/read-trend-labels.js";
import { renderRadarTemplate } from "../../../src/radar/templates.js";
import { kaizenMarker } from "../../../src/github/kaizen-marker.js";
import { growthRatio } from "../../helpers/growth-ratio.js";
import { liveUserText } from "../../helpers/live-markdown.js";
import { toRadarIssueEvent } from "../../../src/radar/radar-issue-event.js";
import { issuesPayload } from "../../helpers/webhook-payloads.js";

// Property-based fuzzing of the radar's readers of text strangers write: comments, labels, issue bodies and the
// webhook fields the radar reads. Whatever the input: an answer of the documented shape (or null), never an
// exception, and time linear in the input's size.
const SEED = 20_261_206;
const config = RadarConfig.parse({});
const RINGS = config.rings;

/** Comment text built from the tokens the parser looks for, in any order and spacing. */
const commandText = fc
  .array(fc.oneof(fc.constantFrom("/radar", "/RADAR", "move", "MOVE", ...RINGS, "—", "–", "--", "-", " ", "\t", "\n", "\r\n", "ring:", "é", "🙂", "\u0000"), fc.string({ maxLength: 6 })), { maxLength: 14 })
  .map((tokens) => tokens.join(""));

/** Label names shaped like ring and quadrant labels, with wrong case, spaces, unknown names and duplicates. */
const labelName = fc.oneof(
  fc.constantFrom("radar", "market-trend", "bug", ...RINGS.map((r) => `ring:${r}`), "RING:ADOPT", "ring: trial", "ring:", "quadrant:tools", "quadrant:TOOLS", "quadrant:", "quadrant:nope"),
  fc.string({ maxLength: 20 }),
);

describe("radar input under fuzzing", () => {
  it("parseRadarCommand answers null or a command of the documented kinds, whose ring is a configured one", () => {
    fc.assert(
      fc.property(commandText, (body) => {
        const command = parseRadarCommand(body, RINGS);
        if (command === null) return;
        expect(["move", "usage", "unknown-ring", "missing-reason"]).toContain(command.kind);
        if (command.kind === "move" || command.kind === "missing-reason") expect(RINGS).toContain(command.ring);
        if (command.kind === "move") expect(command.reason.trim()).toBe(command.reason);
        if (command.kind === "move") expect(command.reason).not.toBe("");
      }),
      { numRuns: 3000, seed: SEED },
    );
  });

  it("readRadarLabels places an item only in a configured ring and quadrant, and explains every problem", () => {
    fc.assert(
      fc.property(fc.array(labelName, { maxLength: 12 }), (labels) => {
        const read = readRadarLabels(config, labels);
        if (read.ring !== null) expect(RINGS).toContain(read.ring);
        if (read.quadrant !== null) expect(config.quadrants).toContain(read.quadrant);
        for (const problem of read.problems) expect(problem.length).toBeGreaterThan(10);
        if (read.problems.length === 0) expect(read.ring !== null && read.quadrant !== null).toBe(true);
      }),
      { numRuns: 3000, seed: SEED },
    );
  });

  it("readTrendLabels reads a known direction and impact only, and explains every problem in an inert comment", () => {
    const trendLabel = fc.oneof(
      labelName,
      fc.constantFrom("trend:rising", "TREND:Steady", "trend: declining ", "trend:", "trend:up", "impact:high", "Impact:LOW", "impact:", "impact:huge"),
      fc.constantFrom("trend:`@octo-org/team`", "impact:[x](https://evil.example)", "trend:closes #1", "impact:<!-- kaizen:pr -->", "trend:``"),
    );
    fc.assert(
      fc.property(fc.array(trendLabel, { maxLength: 10 }), (labels) => {
        const read = readTrendLabels(config, labels);
        if (read.trend !== null) expect(TREND_DIRECTIONS).toContain(read.trend);
        if (read.impact !== null) expect(TREND_IMPACTS).toContain(read.impact);
        expect(read.problems.length).toBeLessThanOrEqual(labels.length + 2);
        if (read.problems.length === 0) expect(read.trend !== null && read.impact !== null).toBe(true);
        const comment = renderRadarTemplate("radar-trend-problem", {
          marker: kaizenMarker("radar-problem", "1"),
          problems: read.problems,
          kept: null,
          example: { trend: "trend:rising", impact: "impact:high" },
        });
        expect(liveUserText(comment)).toEqual([]);
        const ringComment = renderRadarTemplate("radar-problem", {
          marker: kaizenMarker("radar-problem", "1"),
          problems: readRadarLabels(config, labels).problems,
          kept: null,
          example: { ring: "ring:assess", quadrant: "quadrant:tools" },
        });
        expect(liveUserText(ringComment)).toEqual([]);
      }),
      { numRuns: 2000, seed: SEED },
    );
  });

  it("readTrendLabels is linear in the number of labels (8× the labels: about 8×, 64× if quadratic; failing past 32×)", () => {
    const labels = (n: number) => Array.from({ length: n / 10 }, (_, i) => [`trend:${" ".repeat(40)}x${i}`, "trend:rising", `impact:v${i}`][i % 3]!);
    expect(growthRatio((names: string[]) => readTrendLabels(config, names), labels, 10_000, 8)).toBeLessThan(32);
  });

  it("parseIssueMentions answers issue numbers only", () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.constantFrom("#", "#1", "#007", "#99999999999999999999", "owner/repo#2", "GH-3", " ", "\n", "`", "https://github.com/o/r/issues/4"), fc.string({ maxLength: 5 })), { maxLength: 20 }), (parts) => {
        for (const number of parseIssueMentions(parts.join(""))) {
          expect(Number.isSafeInteger(number)).toBe(true);
          expect(number).toBeGreaterThan(0);
        }
      }),
      { numRuns: 2000, seed: SEED },
    );
  });

  it("toRadarIssueEvent reads an issues webhook whatever its user-controlled fields hold", () => {
    const odd = fc.oneof(fc.string({ maxLength: 30 }), fc.constantFrom("", "\u0000", "a".repeat(300), "@octo-org/team", "<!-- kaizen:pr -->"));
    fc.assert(
      fc.property(odd, odd, fc.array(odd, { maxLength: 6 }), odd, fc.option(odd), (title, body, labels, login, label) => {
        const payload = issuesPayload("labeled", { issueNumber: 5, labels, label: label ?? "ring:adopt", sender: login || "ghost" });
        payload["issue"].title = title;
        payload["issue"].body = body;
        const event = toRadarIssueEvent(payload as never, "fuzz");
        expect(event).not.toBeNull();
        expect(event!.issue.title).toBe(title);
        // A label without a name (GitHub never sends one) is skipped, not an error.
        expect(event!.issue.labels).toEqual(labels.filter((name) => name !== ""));
        expect(event!.sender.isBot).toBe(false);
      }),
      { numRuns: 500, seed: SEED },
    );
  });

  it("each reader is linear in its input's size (16× the text: about 16× the time, 256× if quadratic; failing past 128×)", () => {
    const comment = (n: number) => `/radar move trial ${"— ".repeat(n)}${" ".repeat(n)}why\n${"x".repeat(n)}`;
    const labels = (n: number) => Array.from({ length: n / 50 }, (_, i) => (i % 2 ? `ring:${" ".repeat(40)}x` : `quadrant:q${i}`));
    const mentions = (n: number) => "#1 ".repeat(n / 3) + "#".repeat(n);
    const readers = [
      ["command", comment, (text: string) => parseRadarCommand(text, RINGS)],
      ["labels", labels, (names: string[]) => readRadarLabels(config, names)],
      ["mentions", mentions, (text: string) => parseIssueMentions(text)],
    ] as const;
    for (const [name, input, read] of readers) {
      expect({ name, linear: growthRatio(read as (x: string | string[]) => unknown, input, 50_000, 16) < 128 }).toEqual({ name, linear: true });
    }
  });
});
