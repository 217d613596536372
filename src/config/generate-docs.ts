/**
 * `npm run generate`: writes schema/kaizen.schema.json and the README options table from the
 * kaizen.yml schema, so neither can drift from the code (a unit test fails when they do).
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { renderJsonSchema, renderOptionsTable } from "./config-docs.js";

const root = fileURLToPath(new URL("../../", import.meta.url));
const START = "<!-- options:start -->";
const END = "<!-- options:end -->";

mkdirSync(`${root}schema`, { recursive: true });
writeFileSync(`${root}schema/kaizen.schema.json`, `${JSON.stringify(renderJsonSchema(), null, 2)}\n`);
console.log("wrote schema/kaizen.schema.json");

const table = renderOptionsTable();
const readmePath = `${root}README.md`;
const readme = existsSync(readmePath) ? readFileSync(readmePath, "utf8") : undefined;
const start = readme?.indexOf(START) ?? -1;
const end = readme?.indexOf(END) ?? -1;
if (readme === undefined || start < 0 || end < start) {
  const missing = readme === undefined ? "README.md does not exist" : `README.md has no ${START} … ${END} section`;
  console.log(`${missing}; here is the options table to paste:\n\n${table}`);
} else {
  writeFileSync(readmePath, `${readme.slice(0, start + START.length)}\n${table}\n${readme.slice(end)}`);
  console.log("updated the options table in README.md");
}
