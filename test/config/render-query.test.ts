import { QUERY_VARIABLES, queryVariables, renderQuery, type QueryVars } from "../../src/config/render-query.js";

const vars: QueryVars = { environment: "production", sha: "abc123", ref: "main", repo: "octo-org/shop" };

describe("renderQuery", () => {
  it.each([
    ['up{env="{{environment}}"}', 'up{env="production"}'],
    ['up{env="{{ environment }}", sha="{{sha}}"}', 'up{env="production", sha="abc123"}'],
    ['x{repo="{{repo}}",ref="{{  ref  }}"}', 'x{repo="octo-org/shop",ref="main"}'],
    ["sum(rate(x[5m]))", "sum(rate(x[5m]))"],
    ["{{sha}}-{{sha}}", "abc123-abc123"],
  ])("renders %j as %j", (template, rendered) => {
    expect(renderQuery(template, vars)).toBe(rendered);
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
