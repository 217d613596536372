import { readFileSync, readdirSync } from "node:fs";
import Handlebars from "handlebars";
import { registerTemplateHelpers } from "./template-helpers.js";
import { truncateBody } from "./truncate-body.js";

// The same relative path from src/markdown (tests, tsx) and lib/markdown (build): both sit two levels below the root.
const TEMPLATES_DIR = new URL("../../templates/", import.meta.url);

/** Renders one of a folder's templates with its typed context. */
export type RenderTemplate<Contexts> = <N extends keyof Contexts & string>(name: N, context: Contexts[N]) => string;

/**
 * A renderer for `templates/<folder>/<name>.md.hbs`, typed by the folder's `Contexts` map (template name → context
 * type), so each feature lists its own templates. Output is cut to GitHub's body limit. Templates are compiled once
 * per process, on first use. HTML escaping is off (this is Markdown, and `&quot;` would show in code spans);
 * templates escape user text with the `text` and `code` helpers instead. Strict mode turns a misspelt field into an
 * error.
 */
export function templateRenderer<Contexts>(folder: string): RenderTemplate<Contexts> {
  let compiled: Map<string, Handlebars.TemplateDelegate> | undefined;
  return (name, context) => {
    compiled ??= compileFolder(folder);
    const template = compiled.get(name);
    if (!template) throw new Error(`No template ${folder}/${name}.md.hbs in ${TEMPLATES_DIR.pathname}`);
    return truncateBody(template(context));
  };
}

/** Templates named `_<partial>.md.hbs` are the folder's partials (`{{> partial}}`); the others are renderable. */
function compileFolder(folder: string): Map<string, Handlebars.TemplateDelegate> {
  const dir = new URL(`${folder}/`, TEMPLATES_DIR);
  const handlebars = Handlebars.create();
  registerTemplateHelpers(handlebars);
  const templates = new Map<string, Handlebars.TemplateDelegate>();
  for (const file of readdirSync(dir).filter((f) => f.endsWith(".md.hbs"))) {
    const source = readFileSync(new URL(file, dir), "utf8");
    const name = file.slice(0, -".md.hbs".length);
    if (name.startsWith("_")) handlebars.registerPartial(name.slice(1), source);
    else templates.set(name, handlebars.compile(source, { noEscape: true, strict: true }));
  }
  return templates;
}
