/** The variables a metric query may use, as `{{environment}}` etc. */
export const QUERY_VARIABLES = ["environment", "sha", "ref", "repo"] as const;

/** Values for one deployment; `repo` is "owner/name". */
export type QueryVars = Record<(typeof QUERY_VARIABLES)[number], string>;

const PLACEHOLDER = /\{\{\s*([^{}]*?)\s*\}\}/g;
/** The same, matched only where it starts (`y`): one placeholder at a given index. */
const PLACEHOLDER_HERE = /\{\{\s*([^{}]*?)\s*\}\}/y;

/**
 * Where a placeholder sits in the PromQL text: inside a double-quoted string (`string`), inside one that is the
 * right side of `=~` / `!~` (`regex`), or somewhere Kaizen cannot make a value safe: outside a string, in a
 * single-quoted or backtick string (raw: no escape can keep a `'` or a backtick in), or in a `#` comment.
 */
export type PlaceholderContext = "string" | "regex" | "outside" | "single-quoted" | "backtick" | "comment";

/** One placeholder: its name, where it starts in the template and its context. */
export interface QueryPlaceholder {
  name: string;
  index: number;
  length: number;
  context: PlaceholderContext;
}

/** Names of the `{{ … }}` placeholders in a query, in order of appearance (unknown ones included). */
export function queryVariables(template: string): string[] {
  return [...template.matchAll(PLACEHOLDER)].map((match) => match[1] ?? "");
}

/**
 * Every placeholder with its PromQL context, found in one pass over the query (PromQL's lexer rules for
 * strings: `"…"` and `'…'` with backslash escapes, raw `` `…` ``, and `#` comments to the end of the line).
 */
export function queryPlaceholders(template: string): QueryPlaceholder[] {
  const found: QueryPlaceholder[] = [];
  let quote: '"' | "'" | "`" | "#" | null = null;
  let stringStart = -1;
  for (let i = 0; i < template.length; i++) {
    const placeholder = template.startsWith("{{", i) ? placeholderAt(template, i) : null;
    if (placeholder) {
      const context: PlaceholderContext =
        quote === null ? "outside" : quote === "'" ? "single-quoted" : quote === "`" ? "backtick" : quote === "#" ? "comment" : matcherBefore(template, stringStart);
      found.push({ ...placeholder, index: i, context });
      i += placeholder.length - 1;
      continue;
    }
    const c = template[i];
    if (quote === null) {
      if (c === '"' || c === "'" || c === "`" || c === "#") {
        quote = c;
        stringStart = i;
      }
    } else if (quote === "#") {
      if (c === "\n") quote = null;
    } else if (c === "\\" && quote !== "`") {
      i++;
    } else if (c === quote) {
      quote = null;
    }
  }
  return found;
}

/**
 * What is wrong with where a query puts `{{name}}`, worded for the config check, or null when Kaizen can fill
 * it in safely (inside a double-quoted string; after `=~`/`!~` with regex characters escaped too).
 */
export function placeholderProblem(placeholder: QueryPlaceholder): { message: string; fix: string } | null {
  const variable = `{{${placeholder.name}}}`;
  const fix = `Put it inside a double-quoted label value, e.g. \`{ref="${variable}"}\` (or \`=~"${variable}"\`): Kaizen escapes the value there, so a branch name cannot change the query.`;
  switch (placeholder.context) {
    case "string":
    case "regex":
      return null;
    case "outside":
      return { message: `\`${variable}\` is outside a quoted string, where a branch or environment name would become PromQL.`, fix };
    case "single-quoted":
      return { message: `\`${variable}\` is in a single-quoted string; Kaizen escapes values for double-quoted strings only.`, fix };
    case "backtick":
      return { message: `\`${variable}\` is in a backtick (raw) string, where no escaping can keep a value in.`, fix };
    case "comment":
      return { message: `\`${variable}\` is in a \`#\` comment, where it does nothing.`, fix: "Remove it from the comment." };
  }
}

function isQueryVariable(name: string): name is keyof QueryVars {
  return (QUERY_VARIABLES as readonly string[]).includes(name);
}

/**
 * Fills `{{ name }}` placeholders with the deployment's values, escaped for a PromQL double-quoted string, and
 * regex metacharacters escaped first after `=~` / `!~` (a ref `release.*` must match itself only). A placeholder
 * anywhere else, or an unknown name, throws: validateConfig rejects both before a query is ever rendered.
 */
export function renderQuery(template: string, vars: QueryVars): string {
  let out = "";
  let at = 0;
  for (const placeholder of queryPlaceholders(template)) {
    const { name, context } = placeholder;
    if (!isQueryVariable(name)) throw new Error(`Unknown query variable {{${name}}}`);
    const problem = placeholderProblem(placeholder);
    if (problem) throw new Error(`Query variable {{${name}}} cannot be filled in safely: ${problem.message}`);
    const value = context === "regex" ? escapeRegex(vars[name]) : vars[name];
    out += template.slice(at, placeholder.index) + escapePromqlString(value);
    at = placeholder.index + placeholder.length;
  }
  return out + template.slice(at);
}

function placeholderAt(template: string, index: number): { name: string; length: number } | null {
  PLACEHOLDER_HERE.lastIndex = index;
  const match = PLACEHOLDER_HERE.exec(template);
  if (!match) return null;
  return { name: match[1] ?? "", length: match[0].length };
}

/** `regex` when the string starting at `quoteIndex` is the value of a `=~` or `!~` matcher. */
function matcherBefore(template: string, quoteIndex: number): "string" | "regex" {
  let i = quoteIndex - 1;
  while (i >= 0 && /\s/.test(template[i]!)) i--;
  return template[i] === "~" && (template[i - 1] === "=" || template[i - 1] === "!") ? "regex" : "string";
}

// Values land inside PromQL double-quoted strings (`env="{{environment}}"`), so a ref holding `"`
// must not be able to end the string and inject selectors.
function escapePromqlString(value: string): string {
  return value.replace(/[\\"]/g, (char) => `\\${char}`).replace(/\n/g, "\\n").replace(/\r/g, "\\r");
}

/** RE2's metacharacters, escaped so the value matches itself only. */
function escapeRegex(value: string): string {
  return value.replace(/[\\.+*?()|[\]{}^$]/g, "\\$&");
}
