import { parseIssueMentions } from "../../../src/radar/model/parse-issue-mentions.js";

describe("parseIssueMentions", () => {
  it.each([
    ["Pushes #12 and #3 forward", [3, 12]],
    ["#7 at the start, (#8) in brackets, #9.", [7, 8, 9]],
    ["- #4\n- #4 again\n- #5", [4, 5]],
    ["Relates to #12, #13; see #14", [12, 13, 14]],
  ])("finds the issues in %j", (body, numbers) => {
    expect(parseIssueMentions(body)).toEqual(numbers);
  });

  it.each([
    ["another repository's", "see octo-org/other#12"],
    ["a URL fragment", "https://example.com/page#12"],
    ["an HTML entity", "a &#123; brace"],
    ["a heading marker", "##12 is not an issue"],
    ["a word after the digits", "#12abc"],
    ["an inline code span", "run `git log #12`"],
    ["a fenced code block", "```\nfixes #12\n```"],
    ["an unclosed fence", "```\nfixes #12"],
    ["a tilde fence", "~~~sh\necho #12\n~~~"],
    ["an HTML comment", "<!-- #12 -->"],
    ["issue number 0", "#0"],
    ["a number too large", "#99999999999"],
  ])("ignores %s", (_what, body) => {
    expect(parseIssueMentions(body)).toEqual([]);
  });

  it("keeps the mentions around code", () => {
    expect(parseIssueMentions("#1 `#2` #3\n```\n#4\n```\n#5")).toEqual([1, 3, 5]);
  });

  it.each([null, undefined, ""])("finds none in %j", (body) => {
    expect(parseIssueMentions(body)).toEqual([]);
  });
});
