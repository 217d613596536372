import { readFileSync, readdirSync } from "node:fs";
import Handlebars from "handlebars";

// The same relative path from src/markdown (tests, tsx) and lib/markdown (build): both sit two levels below the root.
const TEMPLATES_DIR = new URL("../../templates/", import.meta.url);

/**
 * Renders `templates/<folder>/<name><extension>` by name, for templateRenderer (Markdown) and htmlTemplateRenderer.
 * The folder is compiled once per process, on first use, by a Handlebars instance of its own that `prepare` fits
 * with its helpers and escaping. Templates named `_<partial><extension>` are the folder's partials
 * (`{{> partial}}`); the others are renderable. Strict mode turns a misspelt field into an error.
 */
export function templateFolderRenderer(
  folder: string,
  extension: ".md.hbs" | ".html.hbs",
  prepare: (handlebars: typeof Handlebars) => void,
): (name: string, context: unknown) => string {
  let compiled: Map<string, Handlebars.TemplateDelegate> | undefined;
  return (name, context) => {
    compiled ??= compileFolder(folder, extension, prepare);
    const template = compiled.get(name);
    if (!template) throw new Error(`No template ${folder}/${name}${extension} in ${TEMPLATES_DIR.pathname}`);
    return template(context);
  };
}

function compileFolder(
  folder: string,
  extension: string,
  prepare: (handlebars: typeof Handlebars) => void,
): Map<string, Handlebars.TemplateDelegate> {
  const dir = new URL(`${folder}/`, TEMPLATES_DIR);
  const handlebars = Handlebars.create();
  prepare(handlebars);
  const templates = new Map<string, Handlebars.TemplateDelegate>();
  for (const file of readdirSync(dir).filter((f) => f.endsWith(extension))) {
    const source = readFileSync(new URL(file, dir), "utf8");
    const name = file.slice(0, -extension.length);
    if (name.startsWith("_")) handlebars.registerPartial(name.slice(1), source);
    else templates.set(name, handlebars.compile(source, { strict: true }));
  }
  return templates;
}
