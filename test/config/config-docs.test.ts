import { readFileSync } from "node:fs";
import { join } from "node:path";
import { renderJsonSchema, renderOptionsTable } from "../../src/config/config-docs.js";

describe("renderJsonSchema", () => {
  it("matches the committed schema/kaizen.schema.json (run `npm run generate` after changing the schema)", () => {
    const committed: unknown = JSON.parse(readFileSync(join(process.cwd(), "schema", "kaizen.schema.json"), "utf8"));
    expect(committed).toEqual(renderJsonSchema());
  });

  it("describes the input side, as users write it", () => {
    const schema = renderJsonSchema() as {
      title: string;
      additionalProperties: boolean;
      properties: { deployments: { properties: { soak: { type: string; default: string } } } };
    };
    expect(schema.title).toBe("Kaizen repository configuration");
    expect(schema.additionalProperties).toBe(false);
    expect(schema.properties.deployments.properties.soak).toMatchObject({ type: "string", default: "10m" });
  });
});

describe("renderOptionsTable", () => {
  const table = renderOptionsTable();
  const lines = table.split("\n");

  it("is a Markdown table with a header", () => {
    expect(lines.slice(0, 2)).toEqual(["| Option | Type | Default | Description |", "| --- | --- | --- | --- |"]);
  });

  it.each([
    ["`deployments.soak`", "duration", "`10m`"],
    ["`deployments.environments`", "list of string", "`[production]`"],
    ["`metrics`", "list of mappings", "`[]`"],
    ["`metrics[].name`", "string", "required"],
    ["`metrics[].source`", "string", "—"],
    ["`metrics[].threshold`", "percentage or number", "`10%`"],
    ["`metrics[].better`", "`lower` \\| `higher`", "`lower`"],
    ["`metrics[].unit`", "string", '`""`'],
    ["`comment`", "`always` \\| `on-change` \\| `on-regression`", "`always`"],
    ["`gate`", "boolean or mapping", "`false`"],
    ["`gate.check`", "boolean", "`false`"],
    ["`gate.environments`", "mapping", "`{}`"],
    ["`gate.environments.<name>.after`", "string", "required"],
    ["`gate.environments.<name>.wait`", "duration", "`45m`"],
  ])("has a row for %s of type %s with default %s", (option, type, fallback) => {
    const row = lines.find((line) => line.startsWith(`| ${option} |`));
    expect(row?.split(" | ").slice(1, 3)).toEqual([type, fallback]);
  });

  it("is the table committed in README.md (run `npm run generate` after changing the schema)", () => {
    const readme = readFileSync(join(process.cwd(), "README.md"), "utf8");
    const committed = readme.slice(readme.indexOf("<!-- options:start -->"), readme.indexOf("<!-- options:end -->"));
    expect(committed).toContain(table.trim());
  });

  it("describes every row", () => {
    for (const line of lines.slice(2)) expect(line).toMatch(/^\| `[^`]+` \| .+ \| .+ \| \S.* \|$/);
  });
});
