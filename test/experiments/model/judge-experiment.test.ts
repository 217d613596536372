import { judgeExperiment, type ExperimentEvidence } from "../../../src/experiments/model/judge-experiment.js";
import { parseHypothesis, type Expectation } from "../../../src/experiments/model/parse-hypothesis.js";
import { closingIssueNumbers, mentionedIssueNumbers } from "../../../src/experiments/model/issue-references.js";

const lower10: Expectation = { direction: "lower", pct: 10, text: "-10%" };
const any: Expectation = { direction: "any", pct: null, text: "any" };
const higher: Expectation = { direction: "higher", pct: null, text: "higher" };
const moved = (verdict: ExperimentEvidence["verdict"], changePct: number | null): ExperimentEvidence => ({ verdict, reason: "seeded reason", changePct });

describe("judgeExperiment", () => {
  it.each<[string, Expectation, ExperimentEvidence | null, string, RegExp]>([
    ["lower by more than expected", lower10, moved("improvement", -25), "confirmed", /lower of 25.0 %/],
    ["lower by exactly the size", lower10, moved("improvement", -10), "confirmed", /lower/],
    ["lower but by less than expected", lower10, moved("improvement", -4), "refuted", /less than the 10 % expected/],
    ["the wrong way", lower10, moved("regression", 30), "refuted", /wrong way/],
    ["no significant change", lower10, moved("no-change", -1), "refuted", /no significant change/],
    ["an inconclusive verdict", lower10, moved("inconclusive", null), "inconclusive", /seeded reason/],
    ["no result for the metric", lower10, null, "inconclusive", /no result/],
    ["any, either way", any, moved("regression", 12), "confirmed", /higher/],
    ["a direction only", higher, moved("improvement", 3), "confirmed", /higher of 3.0 %/],
  ])("%s → %s", (_case, expectation, evidence, outcome, why) => {
    const judged = judgeExperiment(expectation, evidence);
    expect(judged.outcome).toBe(outcome);
    expect(judged.why).toMatch(why);
  });
});

describe("parseHypothesis", () => {
  it("reads the three lines anywhere in the body, in a list or code, keys ignoring case", () => {
    const body = "Idea.\n\n```\nMetric: p95 latency\n- environment: `production`\nexpect: +5 %\n```";
    expect(parseHypothesis(body)).toEqual({ ok: true, hypothesis: { metric: "p95 latency", environment: "production", expectation: { direction: "higher", pct: 5, text: "+5 %" } } });
  });

  it.each([
    ["no block", "just an idea", /no `metric:`, `environment:`, `expect:` line/],
    ["a missing line", "metric: x\nenvironment: production", /no `expect:` line/],
    ["an unreadable expectation", "metric: x\nenvironment: production\nexpect: faster", /`expect: faster` is not an expectation/],
  ])("explains %s with the fix", (_case, body, problem) => {
    const parsed = parseHypothesis(body);
    expect(parsed).toEqual({ ok: false, problem: expect.stringMatching(problem), fix: expect.any(String) });
  });
});

describe("issue references", () => {
  it("finds closing keywords for this repository only", () => {
    const body = "Closes #12, fixes: octo/other#13, Resolved Codertocat/hello-world#14 and mentions #15";
    expect(closingIssueNumbers(body, { owner: "Codertocat", repo: "Hello-World" })).toEqual([12, 14]);
  });

  it("finds #mentions but not the issue itself, URL fragments or other repositories' issues", () => {
    expect(mentionedIssueNumbers("See #7 and #9, page#3, octo/x#4, #5", 5, { owner: "octo", repo: "shop" })).toEqual([7, 9]);
    // This repository named in full counts; another repository, or a path that ends in its name, does not.
    expect(mentionedIssueNumbers("Octo/Shop#11, octo/shop#5, octo/shopping#12, x/octo/shop#13", 5, { owner: "octo", repo: "shop" })).toEqual([11]);
  });
});
