import { readFileSync, readdirSync } from "node:fs";
import Handlebars from "handlebars";
import { formatNumber, formatPercent, formatPValue, formatTime } from "../markdown/format.js";

// The same relative path from src/web (tests, tsx) and lib/web (build): both sit two levels below the root.
const TEMPLATES_DIR = new URL("../../templates/", import.meta.url);

/** Renders one of a folder's HTML templates with its typed context. */
export type RenderHtml<Contexts> = <N extends keyof Contexts & string>(name: N, context: Contexts[N]) => string;

/**
 * JSON for a `<script type="application/json">` block: `<`, `>`, `&` and the two JavaScript line separators are
 * written as \u escapes, so no value (a metric named `</script><script>…`) can end the block or start markup.
 */
export function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
}

const HELPERS = {
  num: (value: number | null, unit: string) => formatNumber(value, typeof unit === "string" ? unit : ""),
  pct: (value: number | null) => formatPercent(value),
  pValue: (value: number | null) => formatPValue(value),
  time: (date: Date) => formatTime(date),
  /** A day, for long tables: "2026-05-01". */
  day: (date: Date) => date.toISOString().slice(0, 10),
  shortSha: (sha: string) => sha.slice(0, 7),
  eq: (a: unknown, b: unknown) => a === b,
  /** A chart's data block; the one place HTML escaping is replaced, by {@link scriptJson}. */
  json: (value: unknown) => new Handlebars.SafeString(scriptJson(value)),
  /** A path segment: `{{segment metric}}` escapes `/`, `?`, `#` so a name stays one segment. */
  segment: (value: string) => encodeURIComponent(String(value)),
};

/**
 * A renderer for `templates/<folder>/<name>.html.hbs` with Handlebars' HTML escaping on (every `{{value}}` is
 * escaped, so issue titles, metric and benchmark names cannot break out), strict (a misspelt field throws), typed
 * by the folder's `Contexts` map. `_<partial>.html.hbs` files are partials. Compiled once per process.
 */
export function htmlRenderer<Contexts>(folder: string): RenderHtml<Contexts> {
  let compiled: Map<string, Handlebars.TemplateDelegate> | undefined;
  return (name, context) => {
    compiled ??= compileFolder(folder);
    const template = compiled.get(name);
    if (!template) throw new Error(`No template ${folder}/${name}.html.hbs in ${TEMPLATES_DIR.pathname}`);
    return template(context);
  };
}

function compileFolder(folder: string): Map<string, Handlebars.TemplateDelegate> {
  const dir = new URL(`${folder}/`, TEMPLATES_DIR);
  const handlebars = Handlebars.create();
  for (const [name, helper] of Object.entries(HELPERS)) handlebars.registerHelper(name, helper);
  const templates = new Map<string, Handlebars.TemplateDelegate>();
  for (const file of readdirSync(dir).filter((f) => f.endsWith(".html.hbs"))) {
    const source = readFileSync(new URL(file, dir), "utf8");
    const name = file.slice(0, -".html.hbs".length);
    if (name.startsWith("_")) handlebars.registerPartial(name.slice(1), source);
    else templates.set(name, handlebars.compile(source, { strict: true }));
  }
  return templates;
}
