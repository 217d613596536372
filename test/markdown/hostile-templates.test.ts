import { readFileSync, readdirSync } from "node:fs";
import fc from "fast-check";
import { compareToHistory } from "../../src/analysis/compare-to-history.js";
import { renderBenchmarkTemplate } from "../../src/benchmarks/templates.js";
import type { BenchmarkComparisonReport, BenchmarkReport } from "../../src/benchmarks/report-context.js";
import { renderExperimentTemplate } from "../../src/experiments/templates.js";
import { renderRadarTemplate } from "../../src/radar/templates.js";
import { judgeRadarCommand } from "../../src/radar/model/judge-radar-command.js";
import { codeBlock, codeSpan, inertTitle, inlineText, markdownLink } from "../../src/markdown/markdown.js";
import { templateRenderer } from "../../src/markdown/render-template.js";
import { kaizenMarker } from "../../src/github/kaizen-marker.js";
import { HOSTILE, liveAttacks, liveText } from "../helpers/live-markdown.js";

/** Cells per table row, counting only pipes that are not escaped. */
function cellCounts(markdown: string): number[] {
  return markdown
    .split("\n")
    .filter((line) => line.startsWith("|"))
    .map((line) => line.replace(/\\\\/g, "").replace(/\\\|/g, "").split("|").length);
}

function benchmark(name: string): BenchmarkComparisonReport {
  const threshold = { kind: "relative", value: 0.1 } as const;
  const result = compareToHistory({ baseline: 100, head: 150, history: [100, 101, 100, 101], branch: "main" }, { better: "lower", threshold, alpha: 0.01 });
  return { name, benchmark: name, measure: "time", unit: "ms", better: "lower", betterFrom: "default", threshold, method: "history", result, evidence: HOSTILE };
}

function hostileReport(): BenchmarkReport {
  return {
    repo: { owner: "octo-org", repo: "shop" },
    sha: "b".repeat(40),
    branch: HOSTILE,
    workflowName: HOSTILE,
    runUrl: "https://github.com/octo-org/shop/actions/runs/1",
    pull: { number: 4, url: "https://github.com/octo-org/shop/pull/4" },
    baseBranch: HOSTILE,
    baseline: { sha: "a".repeat(40), distance: 3, how: "ancestor", from: "c".repeat(40) },
    noBaseline: null,
    gate: false,
    benchmarks: [benchmark(HOSTILE), benchmark("parse")],
    added: [{ name: HOSTILE, unit: "ms", value: 3 }],
    removed: [{ name: HOSTILE, unit: HOSTILE, value: 4 }],
    problems: [{ file: HOSTILE, line: 2, reason: HOSTILE, fix: HOSTILE }],
    notes: [{ file: HOSTILE, line: 3, reason: HOSTILE }],
  };
}

describe("user text in Kaizen's comments, issues and check runs", () => {
  describe("rendered through every benchmark template", () => {
    const report = { ...hostileReport(), dashboard: null };
    const issue = { ...report, marker: kaizenMarker("issue", HOSTILE), benchmark: benchmark(HOSTILE), level: 100 };
    const bodies = {
      "benchmarks-check": renderBenchmarkTemplate("benchmarks-check", report),
      "pr-benchmarks-section": renderBenchmarkTemplate("pr-benchmarks-section", report),
      "benchmarks-issue": renderBenchmarkTemplate("benchmarks-issue", issue),
      "benchmarks-issue-evidence": renderBenchmarkTemplate("benchmarks-issue-evidence", issue),
      "benchmarks-issue-recovered": renderBenchmarkTemplate("benchmarks-issue-recovered", issue),
    };

    it.each(Object.entries(bodies))("%s mentions, links and references nothing, and keeps its tables and blocks", (_name, body) => {
      expect(liveAttacks(body)).toEqual([]);
      expect(new Set(cellCounts(body)).size).toBeLessThanOrEqual(1);
      expect(liveText(body).split("<details>").length).toBe(liveText(body).split("</details>").length);
    });

    it("still shows the text (with invisible breaks) where it was", () => {
      const section = bodies["pr-benchmarks-section"];
      expect(section.replace(/\u200B/g, "")).toContain("X @octo-org/security-team \\[Fix here\\](https://evil.example/login) closes #9999");
    });
  });

  describe("rendered through the radar and experiment templates", () => {
    it("the reason of a /radar move and a refused ring name stay inert", () => {
      const moved = renderRadarTemplate("radar-command-moved", { marker: kaizenMarker("radar-moved", "1"), from: "Assess", to: "Trial", login: "maintainer", reason: HOSTILE });
      expect(liveAttacks(moved)).toEqual([]);
      const verdict = judgeRadarCommand({ kind: "unknown-ring", given: HOSTILE }, null, { label: "radar" } as never);
      const help = renderRadarTemplate("radar-command-help", { login: "maintainer", problem: verdict.kind === "reply" ? verdict.problem : "", rings: ["adopt"], example: "adopt" });
      expect(liveAttacks(help)).toEqual([]);
      expect(help).toContain("@maintainer, ");
    });

    it("an experiment issue's title in the pull request section stays inert", () => {
      const section = renderExperimentTemplate("pr-section-experiments", {
        experiments: [{ issueNumber: 3, title: HOSTILE, metric: HOSTILE, environment: HOSTILE, expect: HOSTILE, state: HOSTILE, dashboard: null }],
      });
      expect(liveAttacks(section)).toEqual([]);
    });
  });

  describe("a template field written without a helper", () => {
    it("is made inert by default (the one escaping place), helpers' output is left as it is", () => {
      const render = templateRenderer<{ "config-problems": { file: string; problems: Array<{ path: string; message: string; fix: string }>; notes: string[] } }>("github");
      const body = render("config-problems", { file: HOSTILE, problems: [{ path: HOSTILE, message: HOSTILE, fix: HOSTILE }], notes: [HOSTILE] });
      expect(liveAttacks(body)).toEqual([]);
    });

    it("only Kaizen's own markers and assembled sections use {{{raw}}} output", () => {
      const root = new URL("../../templates/", import.meta.url);
      const raw: string[] = [];
      for (const folder of readdirSync(root, { withFileTypes: true }).filter((d) => d.isDirectory())) {
        for (const file of readdirSync(new URL(`${folder.name}/`, root)).filter((f) => f.endsWith(".hbs"))) {
          const source = readFileSync(new URL(`${folder.name}/${file}`, root), "utf8");
          for (const match of source.matchAll(/\{\{\{\s*([^}]+?)\s*\}\}\}/g)) raw.push(`${folder.name}/${file}: ${match[1]}`);
        }
      }
      // HTML pages escape by Handlebars' own rules; their raw outputs are a chart's script-safe JSON and the
      // layout's slot for a page body that was itself rendered from an escaping template.
      const allowed = /: (marker|body)$|^experiments\/experiment-problem\.md\.hbs: fix$|\.html\.hbs: (json [\w.]+|html)$/;
      expect(raw.filter((entry) => !allowed.test(entry))).toEqual([]);
      expect(raw.length).toBeGreaterThan(0);
    });
  });
});

describe("inlineText", () => {
  it.each([
    ["@octocat", "@\u200Boctocat"],
    ["@octo-org/security-team", "@\u200Bocto-org/security-team"],
    ["closes #12", "closes #\u200B12"],
    ["fixes octo-org/shop#12 and GH-3", "fixes octo-org/shop#\u200B12 and GH-\u200B3"],
    ["[Fix](https://evil.example)", "\\[Fix\\](https:\u200B//evil.example)"],
    ["&#64;octocat", "&amp;#\u200B64;octocat"],
    ["<!-- kaizen:pr -->", "&lt;!-- kaizen:pr -->"],
    ["a\\", "a\\\\"],
    ["> quoted", "\\> quoted"],
    ["1. item", "1\\. item"],
    ["reason with `code @x | y`", "reason with `code @x \\| y`"],
    ["a ` lone backtick", "a \\` lone backtick"],
    ["p < 0.001", "p < 0.001"],
  ])("makes %p inert as %p", (value, expected) => {
    expect(inlineText(value)).toBe(expected);
  });

  const pieces = fc.constantFrom("@", "#", "1", "a", "-", "/", "`", "``", "|", "\\", "<", "!--", "-->", "&", "[", "]", "(", ")", "://", "www.", " ", "\n", "\r", "*", "_", ">");
  const hostileText = fc.array(fc.oneof(pieces, fc.string({ maxLength: 3 })), { maxLength: 40 }).map((parts) => parts.join(""));

  it("never leaves a mention, a reference, a link, an HTML tag, a marker or a second line, for any text", () => {
    fc.assert(
      fc.property(hostileText, (text) => {
        const out = inlineText(text);
        const live = liveText(out);
        expect(out).not.toMatch(/[\r\n]/);
        expect(live).not.toMatch(/@[\w-]|#\d|:\/\/|<[A-Za-z/!?]|&#/);
        expect(out).not.toContain("<!--");
        expect(live.replace(/\\\\/g, "")).not.toMatch(/(^|[^\\])[|[\]]/);
      }),
      { numRuns: 2000, seed: 10 },
    );
  });

  it("is linear in the length of the text (whitespace and backtick runs included)", () => {
    const once = (n: number) => {
      const text = `${" ".repeat(n)}x${"`".repeat(n % 7)}${"@a #1 ` ".repeat(n / 8)}\n${" ".repeat(n)}`;
      const start = process.hrtime.bigint();
      inlineText(text);
      codeSpan(text);
      return Number(process.hrtime.bigint() - start);
    };
    // The fastest of three, so a collection pause or a busy machine does not decide the test.
    const cost = (n: number) => Math.min(once(n), once(n), once(n));
    // 16× the text: about 16× the time when linear, 256× when quadratic; failing past 128×.
    expect(cost(800_000)).toBeLessThan(cost(50_000) * 128);
  });
});

describe("codeSpan, codeBlock and links", () => {
  it("keep a Kaizen marker out of the body even inside code", () => {
    expect(codeSpan("<!-- kaizen:pr -->")).not.toContain("<!-- kaizen:pr -->");
    expect(codeBlock("<!-- kaizen:issue:x -->\n")).not.toContain("<!--");
  });

  it("link only http(s) URLs", () => {
    expect(markdownLink("run", "javascript:alert(1)")).toBe("run");
    expect(markdownLink("@team", "https://x/a b")).toBe("[@\u200Bteam](https://x/a%20b)");
  });

  it("titles mention and reference nobody", () => {
    expect(inertTitle("Benchmark regression: X @octo-org/team closes #1")).toBe("Benchmark regression: X @\u200Bocto-org/team closes #\u200B1");
  });
});
