/** The variables a metric query may use, as `{{environment}}` etc. */
export const QUERY_VARIABLES = ["environment", "sha", "ref", "repo"] as const;

/** Values for one deployment; `repo` is "owner/name". */
export type QueryVars = Record<(typeof QUERY_VARIABLES)[number], string>;

const PLACEHOLDER = /\{\{\s*([^{}]*?)\s*\}\}/g;

/** Names of the `{{ … }}` placeholders in a query, in order of appearance (unknown ones included). */
export function queryVariables(template: string): string[] {
  return [...template.matchAll(PLACEHOLDER)].map((match) => match[1] ?? "");
}

function isQueryVariable(name: string): name is keyof QueryVars {
  return (QUERY_VARIABLES as readonly string[]).includes(name);
}

// Values land inside PromQL double-quoted strings (`env="{{environment}}"`), so a ref holding `"`
// must not be able to end the string and inject selectors.
function escapePromqlString(value: string): string {
  return value.replace(/[\\"]/g, (char) => `\\${char}`).replace(/\n/g, "\\n");
}

/**
 * Fills `{{ name }}` placeholders with the deployment's values, escaped for a PromQL double-quoted
 * string. Unknown names throw: validateConfig rejects them before a query is ever rendered.
 */
export function renderQuery(template: string, vars: QueryVars): string {
  return template.replace(PLACEHOLDER, (_placeholder, name: string) => {
    if (!isQueryVariable(name)) throw new Error(`Unknown query variable {{${name}}}`);
    return escapePromqlString(vars[name]);
  });
}
