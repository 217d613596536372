import fc from "fast-check";
import { parse, stringify } from "yaml";
import { validateConfig } from "../../src/config/validate-config.js";
import { placeholderProblem, queryPlaceholders, renderQuery } from "../../src/config/render-query.js";

// Property-based fuzzing of kaizen.yml validation: repository config is outside input (a fork's pull request can
// change it). Whatever the file holds, validation answers a config or problems that each name the field, say
// what is wrong and how to fix it, and never throws.
const SEED = 20_261_207;
const ctx = { sourceNames: ["prometheus", "thanos"] };

const KEYS = ["deployments", "environments", "soak", "window", "step", "baseline", "metrics", "name", "query", "source", "unit", "kind", "better", "threshold", "alpha", "min_samples", "benchmarks", "workflows", "gate", "comment", "issues", "labels", "radar", "rings", "dora", "experiments", "_extends", "__proto__", "constructor"];
const configish = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: "small" },
    fc.constantFrom(null, true, false, 0, -1, 0.5, 1e308, Number.NaN, "", "10%", "-5%", "30m", "1h30m", "lower", "up", "prometheus", 'x{ref="{{ref}}"}', "x{ref='{{ref}}'}", "{{env}}"),
    fc.string({ maxLength: 12 }),
    fc.array(tie("value"), { maxLength: 4 }),
    fc.dictionary(fc.constantFrom(...KEYS), tie("value"), { maxKeys: 6 }),
  ),
})).value;

function answersClearly(raw: unknown): void {
  const result = validateConfig(raw, ctx);
  if (result.ok) return;
  expect(result.problems.length).toBeGreaterThan(0);
  for (const problem of result.problems) {
    expect(typeof problem.path).toBe("string");
    expect(problem.message.length).toBeGreaterThan(5);
    expect(problem.fix.length).toBeGreaterThan(5);
  }
}

describe("kaizen.yml validation under fuzzing", () => {
  it("answers a config or problems with path, message and fix, for any value", () => {
    fc.assert(fc.property(configish, answersClearly), { numRuns: 3000, seed: SEED });
  });

  it("does so for any YAML text a file could hold (what parses is validated; the rest is a syntax problem)", () => {
    const yamlText = fc.oneof(
      configish.map((value) => stringify(value)),
      fc.array(fc.constantFrom("metrics:", "  - name: x", "    query: up", "gate: ", "&a [*a, *a]", "!!binary x", "? ", "- ", ": ", "\t", "'", '"', "{", "}", "\n", "  "), { maxLength: 12 }).map((lines) => lines.join("\n")),
    );
    fc.assert(
      fc.property(yamlText, (text) => {
        let raw: unknown;
        try {
          raw = parse(text);
        } catch {
          return; // A syntax problem, reported by yamlSyntaxProblem (tested with the loaders).
        }
        answersClearly(raw);
      }),
      { numRuns: 2000, seed: SEED },
    );
  });

  it("fills any value into a query placeholder it accepts without changing the query's structure", () => {
    const value = fc.oneof(fc.string({ maxLength: 20 }), fc.constantFrom(`x'})or(vector(0.001))or(sum(up{a='`, '"} or vector(1) or x{a="', "a\\", "a\nb", ".*", "`"));
    const template = fc.constantFrom('x{ref="{{ref}}"}', 'x{ref=~"{{ref}}"}', 'x{ref!~"pre-{{ref}}"}', 'sum(x{a="1", ref="{{ref}}"})');
    fc.assert(
      fc.property(template, value, (query, ref) => {
        expect(queryPlaceholders(query).every((p) => placeholderProblem(p) === null)).toBe(true);
        const rendered = renderQuery(query, { environment: "production", sha: "abc", ref, repo: "o/r" });
        // The value stays inside its string: with every string blanked, the query is the template.
        expect(rendered.replace(/"(?:[^"\\]|\\.)*"/g, '""')).toBe(query.replace(/"(?:[^"\\]|\\.)*"/g, '""'));
      }),
      { numRuns: 2000, seed: SEED },
    );
  });
});
