import fc from "fast-check";
import { closingIssueNumbers, mentionedIssueNumbers } from "../../../src/experiments/model/issue-references.js";
import { parseHypothesis } from "../../../src/experiments/model/parse-hypothesis.js";
import { renderExperimentTemplate } from "../../../src/experiments/templates.js";
import { kaizenMarker } from "../../../src/github/kaizen-marker.js";
import { growthRatio } from "../../helpers/growth-ratio.js";
import { liveUserText } from "../../helpers/live-markdown.js";

// Property-based fuzzing of what experiment issues and pull requests say, which their authors write: the hypothesis
// block and the issue references. Whatever the text: an answer of the documented shape, never an exception, no
// more output than input, time linear in its size, and a problem comment that mentions, references and links nothing.
const SEED = 20_261_208;
const REPO = { owner: "octo-org", repo: "shop" };
const HOSTILE = ["@octo-org/security-team", "[Fix here](https://evil.example/login)", "closes #1", "<!-- kaizen:pr -->", "<img src=x>", "`", "GH-12", "\\", "|"];
const value = fc.oneof(fc.constantFrom("-10%", "+5 %", "lower", "ANY", "p95 latency", "production", "`-3%`", "0%", "-1e999%", "", "   ", ...HOSTILE), fc.string({ maxLength: 10 }));
const line = fc.oneof(
  fc.tuple(fc.constantFrom("", "  ", "- ", "* "), fc.constantFrom("metric", "Environment", "EXPECT", "expect", "metrics"), fc.constantFrom(":", " : ", ":  "), value).map((parts) => parts.join("")),
  fc.string({ maxLength: 20 }),
);
const body = fc.array(line, { maxLength: 8 }).map((lines) => lines.join(fc.sample(fc.constantFrom("\n", "\r\n"), { seed: lines.length, numRuns: 1 })[0]!));
const references = fc
  .array(fc.oneof(fc.constantFrom("#", "#1", "#007", "#2147483647", "#2147483648", "#99999999999999999999", "closes #3", "Fixes: octo-org/shop#4", "resolves other/repo#5", "octo-org/SHOP#6", "GH-7", " ", "\n", "&#8;", "/", "x"), fc.string({ maxLength: 5 })), { maxLength: 20 })
  .map((parts) => parts.join(""));

const isIssueNumber = (n: number) => Number.isSafeInteger(n) && n >= 1 && n <= 2_147_483_647;

describe("experiment text under fuzzing", () => {
  it("parseHypothesis reads a hypothesis whose fields are the body's own, or a problem whose comment is inert", () => {
    fc.assert(
      fc.property(body, (text) => {
        const parsed = parseHypothesis(text);
        if (parsed.ok) {
          const { metric, environment, expectation } = parsed.hypothesis;
          for (const field of [metric, environment, expectation.text]) {
            expect(field).not.toBe("");
            expect(field.trim()).toBe(field);
            expect(text).toContain(field);
          }
          if (expectation.pct !== null) expect(expectation.pct).toBeGreaterThan(0);
          return;
        }
        expect(parsed.problem.length).toBeLessThanOrEqual(text.length + 200);
        const comment = renderExperimentTemplate("experiment-problem", { marker: kaizenMarker("experiment-problem", "5"), problem: parsed.problem, fix: parsed.fix });
        expect(liveUserText(comment)).toEqual([]);
      }),
      { numRuns: 3000, seed: SEED },
    );
  });

  it("closingIssueNumbers and mentionedIssueNumbers answer issue numbers GitHub can have, never more than the text has characters", () => {
    fc.assert(
      fc.property(references, (text) => {
        const closing = closingIssueNumbers(text, REPO);
        const mentioned = mentionedIssueNumbers(text, 6, REPO);
        for (const number of [...closing, ...mentioned]) expect(isIssueNumber(number)).toBe(true);
        expect(mentioned).not.toContain(6);
        expect(closing.length + mentioned.length).toBeLessThanOrEqual(text.length);
      }),
      { numRuns: 3000, seed: SEED },
    );
  });

  it("leaves out numbers no issue can have (stored as 32-bit integers, they would fail the job)", () => {
    expect(mentionedIssueNumbers("#99999999999 #2147483648 #0 #12", 1, REPO)).toEqual([12]);
    expect(closingIssueNumbers("closes #99999999999999999999, fixes #3", REPO)).toEqual([3]);
  });

  it("each reader is linear in the text (8× the text: about 8× the time, 64× if quadratic; failing past 32×)", () => {
    const readers: Array<[string, (n: number) => string, (text: string) => unknown]> = [
      ["hypothesis, whitespace inside a value", (n) => `metric: a${" ".repeat(n)}b\nenvironment: p\nexpect: -1${" ".repeat(n)}%`, parseHypothesis],
      ["hypothesis, whitespace before the colon", (n) => `expect${" ".repeat(n)}x\n${"- ".repeat(n / 2)}`, parseHypothesis],
      ["hypothesis, many lines", (n) => "metric: x\n".repeat(n / 10), parseHypothesis],
      ["closing keywords and whitespace", (n) => `closes${" ".repeat(n)}x ${"fixes ".repeat(n / 6)}`, (text) => closingIssueNumbers(text, REPO)],
      ["owner/repo runs", (n) => ` ${"a.".repeat(n / 2)}/${"b".repeat(n)}#1x`, (text) => mentionedIssueNumbers(text, 1, REPO)],
      ["references", (n) => "#1 ".repeat(n / 3) + "#".repeat(n), (text) => mentionedIssueNumbers(text, 1, REPO)],
    ];
    for (const [name, input, read] of readers) {
      expect({ name, linear: growthRatio(read, input, 10_000, 8) < 32 }).toEqual({ name, linear: true });
    }
  });
});
