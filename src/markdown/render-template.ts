import { registerTemplateHelpers } from "./template-helpers.js";
import { templateFolderRenderer } from "./template-folder-renderer.js";
import { truncateBody } from "./truncate-body.js";

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
  const render = templateFolderRenderer(folder, ".md.hbs", (handlebars) => {
    const extensible = handlebars as unknown as { JavaScriptCompiler: CompilerClass };
    extensible.JavaScriptCompiler = inertEscapingCompiler(extensible.JavaScriptCompiler);
    registerTemplateHelpers(handlebars);
  });
  return (name, context) => truncateBody(render(name, context));
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
