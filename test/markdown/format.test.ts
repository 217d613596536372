import { codeBlock, codeSpan, inlineText, markdownLink } from "../../src/markdown/markdown.js";
import { formatNoise, formatNumber, formatPercent, formatPValue, formatTime, formatWindow, verdictLabel } from "../../src/markdown/format.js";
import { kaizenMarker } from "../../src/github/kaizen-marker.js";

describe("formatNumber", () => {
  it.each([
    [0.375, "s", false, "0.375 s"],
    [1.7549, "s", false, "1.75 s"],
    [123.456, "ms", false, "123 ms"],
    [999.7, "ms", false, "1,000 ms"],
    [12345.6, "req/s", false, "12,346 req/s"],
    [0.000012345, "", false, "0.0000123"],
    [0, "ms", false, "0 ms"],
    [-0.0001, "", false, "-0.0001"],
    [1.375, "s", true, "+1.38 s"],
    [-42, "jobs", true, "-42 jobs"],
    [0, "s", true, "0 s"],
    [null, "s", false, "—"],
    [Number.NaN, "s", false, "—"],
  ])("formats %p %p (signed: %p) as %p", (value, unit, signed, expected) => {
    expect(formatNumber(value, unit, { signed })).toBe(expected);
  });
});

describe("formatPercent", () => {
  it.each([
    [50, "+50.0 %"],
    [366.666, "+366.7 %"],
    [-12.34, "-12.3 %"],
    [0.04, "0.0 %"],
    [-0.04, "0.0 %"],
    [null, "—"],
  ])("formats %p as %p", (value, expected) => {
    expect(formatPercent(value)).toBe(expected);
  });
});

describe("formatPValue", () => {
  it.each([
    [0.0000012, false, "< 0.001"],
    [0.001, false, "0.001"],
    [0.0421, false, "0.042"],
    [1, false, "1.000"],
    [null, false, "—"],
    [0.0000012, true, "p < 0.001"],
    [0.0421, true, "p = 0.042"],
    [null, true, "no test"],
  ])("formats %p (prose: %p) as %p", (value, prose, expected) => {
    expect(formatPValue(value, { prose })).toBe(expected);
  });
});

describe("formatTime and formatWindow", () => {
  it("formats instants as ISO 8601 UTC without milliseconds", () => {
    expect(formatTime(new Date("2026-05-01T12:00:03.512Z"))).toBe("2026-05-01T12:00:03Z");
  });

  it.each([
    ["2026-05-01T11:00:00Z", "2026-05-01T12:00:00Z", "(1 h)"],
    ["2026-05-01T11:00:00Z", "2026-05-01T12:30:00Z", "(1 h 30 min)"],
    ["2026-05-01T11:00:00Z", "2026-05-01T11:15:00Z", "(15 min)"],
    ["2026-05-01T11:00:00Z", "2026-05-01T11:00:45Z", "(45 s)"],
  ])("formats %s → %s with the duration %s", (start, end, duration) => {
    expect(formatWindow({ start: new Date(start), end: new Date(end) })).toBe(
      `${formatTime(new Date(start))} → ${formatTime(new Date(end))} ${duration}`,
    );
  });
});

describe("verdictLabel", () => {
  it.each([
    ["regression", "🔴 Regression"],
    ["improvement", "🟢 Improvement"],
    ["no-change", "⚪ No change"],
    ["inconclusive", "🟡 Inconclusive"],
  ] as const)("labels %s as %s", (verdict, expected) => {
    expect(verdictLabel(verdict)).toBe(expected);
  });
});

describe("inlineText", () => {
  it.each([
    ["p95 latency", "p95 latency"],
    ["a | b", "a \\| b"],
    ["line one\n  line two", "line one line two"],
    ["</details><b>", "&lt;/details>&lt;b>"],
    ["p < 0.001, a<b", "p < 0.001, a&lt;b"],
    [42, "42"],
  ])("makes %p safe as %p", (value, expected) => {
    expect(inlineText(value)).toBe(expected);
  });
});

describe("codeSpan", () => {
  it.each([
    ["rate(x[5m])", {}, "`rate(x[5m])`"],
    ["a`b", {}, "``a`b``"],
    ["`le`", {}, "`` `le` ``"],
    ["x ``` y", {}, "````x ``` y````"],
    ["sum(a)\n  / sum(b)", {}, "`sum(a) / sum(b)`"],
    ['x{job="a|b"}', {}, '`x{job="a|b"}`'],
    ['x{job="a|b"}', { inTable: true }, '`x{job="a\\|b"}`'],
    ["", {}, ""],
  ])("wraps %p (%p) as %p", (text, options, expected) => {
    expect(codeSpan(text, options)).toBe(expected);
  });
});

describe("codeBlock", () => {
  it("fences with three backticks normally", () => {
    expect(codeBlock("up == 0")).toBe("```\nup == 0\n```");
  });

  it("uses a longer fence than any backtick run inside", () => {
    expect(codeBlock("a ```` b", "promql")).toBe("`````promql\na ```` b\n`````");
  });
});

describe("markdownLink", () => {
  it.each([
    ["graph", "http://p:9090/graph?g0.expr=up", "[graph](http://p:9090/graph?g0.expr=up)"],
    ["graph", "http://p/graph?q=sum (x)", "[graph](http://p/graph?q=sum%20%28x%29)"],
    ["a [b]", "http://x", "[a \\[b\\]](http://x)"],
    ["graph", null, "—"],
  ])("links %p to %p as %p", (label, url, expected) => {
    expect(markdownLink(label, url)).toBe(expected);
  });
});

describe("kaizenMarker", () => {
  it("builds a hidden comment per kind and key", () => {
    expect(kaizenMarker("deployment", "production")).toBe("<!-- kaizen:deployment:production -->");
  });

  it("builds the pull request comment's marker without a key", () => {
    expect(kaizenMarker("pr")).toBe("<!-- kaizen:pr -->");
  });

  it("encodes keys that could end the comment early", () => {
    expect(kaizenMarker("issue", "prod --> x")).toBe("<!-- kaizen:issue:prod%20--%3E%20x -->");
  });
});

describe("formatNoise", () => {
  const relative = { kind: "relative" as const, value: 0.1 };
  it.each([
    [{ absolute: 2, relative: 0.02, windows: 6 }, "±2.0 % between quiet windows (6 earlier pairs)"],
    [
      { absolute: 2, relative: 0.02, windows: 5, excluded: [-31] },
      "±2.0 % between quiet windows (5 earlier pairs); left out 1 earlier pair, whose median moved -31 ms: far beyond the others, so an earlier change rather than noise",
    ],
    [
      { absolute: 2, relative: 0.02, windows: 4, excluded: [40, -25] },
      "±2.0 % between quiet windows (4 earlier pairs); left out 2 earlier pairs, whose medians moved +40 ms, -25 ms: far beyond the others, so an earlier change rather than noise",
    ],
  ])("names the quiet pairs it left out (%#)", (noise, text) => {
    expect(formatNoise(noise, relative, "ms")).toBe(text);
  });
});
