import { z } from "zod";
import { KaizenConfig } from "./schema/kaizen-config.js";
import { DURATION_PATTERN } from "./parse-duration.js";
import { PERCENT_PATTERN } from "./parse-threshold.js";

/** The parts of a JSON schema node the options table reads. */
interface SchemaNode {
  type?: string;
  enum?: unknown[];
  pattern?: string;
  anyOf?: SchemaNode[];
  items?: SchemaNode;
  properties?: Record<string, SchemaNode>;
  additionalProperties?: SchemaNode | boolean;
  required?: string[];
  default?: unknown;
  description?: string;
}

/**
 * The JSON schema of `.github/kaizen.yml` for editors (input side: durations and thresholds appear
 * as the strings users write). Published as schema/kaizen.schema.json by `npm run generate`.
 */
export function renderJsonSchema(): Record<string, unknown> {
  return z.toJSONSchema(KaizenConfig, { io: "input" });
}

function typeLabel(node: SchemaNode): string {
  if (node.enum) return node.enum.map((value) => `\`${String(value)}\``).join(" \\| ");
  if (node.anyOf) return node.anyOf.map(typeLabel).join(" or ");
  if (node.pattern === DURATION_PATTERN.source) return "duration";
  if (node.pattern === PERCENT_PATTERN.source) return "percentage";
  if (node.type === "array") return node.items?.properties ? "list of mappings" : `list of ${typeLabel(node.items ?? {})}`;
  if (node.type === "object") return "mapping";
  return node.type ?? "any";
}

function defaultLabel(value: unknown): string {
  if (Array.isArray(value)) return `\`[${value.join(", ")}]\``;
  if (typeof value === "object" && value !== null) return Object.keys(value).length === 0 ? "`{}`" : `\`${JSON.stringify(value)}\``;
  return value === "" ? '`""`' : `\`${String(value)}\``;
}

/** A mapping keyed by names the user chooses (like `gate.environments`): the schema of each value. */
function namedEntries(node: SchemaNode): SchemaNode | undefined {
  const values = node.additionalProperties;
  return typeof values === "object" && values.properties ? values : undefined;
}

function rows(node: SchemaNode, prefix: string): string[] {
  return Object.entries(node.properties ?? {}).flatMap(([key, child]) => {
    const path = `${prefix}${key}`;
    if (child.type === "object" && child.properties) return rows(child, `${path}.`);
    const named = child.type === "object" ? namedEntries(child) : undefined;
    // A field written either as a value or as a mapping (`gate: true` or `gate: { … }`): its row, then the mapping's.
    const mapping = child.anyOf?.find((branch) => branch.type === "object" && branch.properties);
    const required = node.required?.includes(key) ? "required" : "—";
    const fallback = "default" in child ? defaultLabel(child.default) : required;
    const description = (child.description ?? "").replace(/\|/g, "\\|");
    const row = `| \`${path}\` | ${typeLabel(child)} | ${fallback} | ${description} |`;
    const items = child.type === "array" && child.items?.properties ? rows(child.items, `${path}[].`) : [];
    const entries = named ? rows(named, `${path}.<name>.`) : [];
    return [row, ...items, ...entries, ...(mapping ? rows(mapping, `${path}.`) : [])];
  });
}

/** The Markdown options table for the README, one row per field of kaizen.yml. */
export function renderOptionsTable(): string {
  const header = ["| Option | Type | Default | Description |", "| --- | --- | --- | --- |"];
  return [...header, ...rows(renderJsonSchema() as SchemaNode, "")].join("\n");
}
