import { QUERY_VARIABLES, queryPlaceholders, queryVariables, renderQuery, type QueryVars } from "../../src/config/render-query.js";

const vars: QueryVars = { environment: "production", sha: "abc123", ref: "main", repo: "octo-org/shop" };

describe("renderQuery", () => {
  it.each([
    ['up{env="{{environment}}"}', 'up{env="production"}'],
    ['up{env="{{ environment }}", sha="{{sha}}"}', 'up{env="production", sha="abc123"}'],
    ['x{repo="{{repo}}",ref="{{  ref  }}"}', 'x{repo="octo-org/shop",ref="main"}'],
    ["sum(rate(x[5m]))", "sum(rate(x[5m]))"],
    ['x{a="{{sha}}-{{sha}}"}', 'x{a="abc123-abc123"}'],
    ['x{a="{{sha}}"} # not "{{ref}}" here', null],
  ])("renders %j as %j", (template, rendered) => {
    if (rendered === null) expect(() => renderQuery(template, vars)).toThrow("cannot be filled in safely");
    else expect(renderQuery(template, vars)).toBe(rendered);
  });

  it.each([
    ['feature/"quoted"', 'feature/\\"quoted\\"'],
    ["back\\slash", "back\\\\slash"],
    ['a\\"b', 'a\\\\\\"b'],
    ["line\nbreak", "line\\nbreak"],
  ])("escapes %j for a PromQL double-quoted string", (ref, escaped) => {
    expect(renderQuery('x{ref="{{ref}}"}', { ...vars, ref })).toBe(`x{ref="${escaped}"}`);
  });

  it("keeps a hostile ref inside its string", () => {
    const rendered = renderQuery('x{ref="{{ref}}"}', { ...vars, ref: '"} or vector(1) or x{a="' });
    expect(rendered).toBe('x{ref="\\"} or vector(1) or x{a=\\""}');
  });

  describe("a branch name written to rewrite the query (issue 10, item 6)", () => {
    const attack = "x'})or(vector(0.001))or(sum(up{a='";

    it.each([
      ["x{ref='{{ref}}'}", "single-quoted"],
      ["x{ref=`{{ref}}`}", "backtick"],
      ["sum(x) / {{ref}}", "outside"],
      ['x{ref="a"} # {{ref}}', "comment"],
    ] as const)("refuses %j (%s): no escaping keeps a value in there", (template, context) => {
      expect(queryPlaceholders(template)[0]?.context).toBe(context);
      expect(() => renderQuery(template, { ...vars, ref: attack })).toThrow("cannot be filled in safely");
    });

    it("keeps it inside a double-quoted value", () => {
      expect(renderQuery('x{ref="{{ref}}"}', { ...vars, ref: attack })).toBe(`x{ref="${attack}"}`);
    });

    it.each([
      // The regex `release\.\*\|\.\+`, each backslash doubled again inside the PromQL string.
      ['x{ref=~"{{ref}}"}', String.raw`x{ref=~"release\\.\\*\\|\\.\\+"}`],
      ['x{ref!~ "{{ref}}"}', String.raw`x{ref!~ "release\\.\\*\\|\\.\\+"}`],
      ['x{ref="{{ref}}"}', 'x{ref="release.*|.+"}'],
    ])("escapes regex characters after =~ and !~ only: %j", (template, rendered) => {
      expect(renderQuery(template, { ...vars, ref: "release.*|.+" })).toBe(rendered);
    });

    it("tells strings apart from escaped quotes and other strings before the placeholder", () => {
      const placeholders = queryPlaceholders(`x{a="it's \\"{{sha}}"} / y{b='"'} / z{c=~"{{ref}}"}`);
      expect(placeholders.map((p) => p.context)).toEqual(["string", "regex"]);
    });
  });

  it("throws on a variable validation would have rejected", () => {
    expect(() => renderQuery("{{env}}", vars)).toThrow("Unknown query variable {{env}}");
  });
});

describe("queryVariables", () => {
  it("lists the placeholders in order, unknown ones included", () => {
    expect(queryVariables('x{a="{{ environment }}", b="{{env}}", c="{{sha}}"}')).toEqual(["environment", "env", "sha"]);
  });

  it("knows exactly the four documented variables", () => {
    expect([...QUERY_VARIABLES]).toEqual(["environment", "sha", "ref", "repo"]);
  });
});
