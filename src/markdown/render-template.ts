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
 * per process, on first use. Strict mode turns a misspelt field into an error.
 *
 * Escaping happens in one place: every `{{field}}` goes through inlineText (the `text` helper), which makes user
 * text inert Markdown: no mention, issue reference, link, HTML or escape from a table cell. Helpers' output is
 * already safe Markdown and passes unchanged. Handlebars' own HTML escaping is not used (`&quot;` would show in
 * code spans and it leaves `@team` pinging). `{{{field}}}` is for Markdown Kaizen itself assembled from escaped
 * parts (the marker, a finished section) and nothing else; test/markdown/hostile-templates.test.ts lists them.
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
  const extensible = handlebars as unknown as { JavaScriptCompiler: CompilerClass };
  extensible.JavaScriptCompiler = inertEscapingCompiler(extensible.JavaScriptCompiler);
  registerTemplateHelpers(handlebars);
  const templates = new Map<string, Handlebars.TemplateDelegate>();
  for (const file of readdirSync(dir).filter((f) => f.endsWith(".md.hbs"))) {
    const source = readFileSync(new URL(file, dir), "utf8");
    const name = file.slice(0, -".md.hbs".length);
    if (name.startsWith("_")) handlebars.registerPartial(name.slice(1), source);
    else templates.set(name, handlebars.compile(source, { strict: true }));
  }
  return templates;
}

/** The parts of Handlebars' code generator this overrides (its documented extension point, not in its types). */
interface CodeGenerator {
  pushSource(source: unknown): void;
  appendToBuffer(source: unknown[]): unknown;
  popStack(): string;
}

type CompilerClass = new () => object;

/**
 * Handlebars' code generator with `{{…}}` escaping done by the `text` helper instead of HTML escaping. Generated
 * code reaches helpers through its `helpers` parameter; the empty object stands for the options Handlebars
 * passes helpers. Safe strings (helpers' output) come back unchanged, so only raw fields are neutralised.
 */
function inertEscapingCompiler(Base: CompilerClass): CompilerClass {
  class InertEscaping extends Base {}
  const prototype = InertEscaping.prototype as unknown as { appendEscaped(this: CodeGenerator): void; compiler: CompilerClass };
  prototype.appendEscaped = function appendEscaped(this: CodeGenerator) {
    this.pushSource(this.appendToBuffer(["helpers.text(", this.popStack(), ", {})"]));
  };
  // Blocks ({{#each}}, {{#if}}) are compiled by `prototype.compiler`, which would otherwise be the base class.
  prototype.compiler = InertEscaping;
  return InertEscaping;
}
