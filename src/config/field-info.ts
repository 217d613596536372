import { z } from "zod";
import { fixHints } from "./config-fields.js";
import { KaizenConfig } from "./schema/kaizen-config.js";

/** What the schema knows about one field, for writing a helpful fix. */
export interface FieldInfo {
  description?: string;
  /** The default as a user would write it (input side), when the field has one. */
  defaultValue?: unknown;
  hasDefault: boolean;
  /** Option names accepted here, when the field is a mapping. */
  knownKeys?: string[];
  /** Allowed values, when the field is an enum. */
  values?: string[];
  /** A field-specific fix registered with fixHints. */
  fix?: string;
}

/** The schema and the wrappers around it (default, optional, transform …), outermost first. */
function layers(schema: z.ZodType): z.ZodType[] {
  const found: z.ZodType[] = [schema];
  let inner: z.ZodType | undefined = schema;
  while (inner) {
    if (inner instanceof z.ZodDefault || inner instanceof z.ZodPrefault || inner instanceof z.ZodOptional) {
      inner = inner.unwrap() as z.ZodType;
    } else if (inner instanceof z.ZodPipe) {
      inner = inner.in as z.ZodType;
    } else {
      inner = undefined;
    }
    if (inner) found.push(inner);
  }
  return found;
}

function child(schema: z.ZodType, key: PropertyKey): z.ZodType | undefined {
  for (const layer of layers(schema)) {
    if (layer instanceof z.ZodObject && typeof key === "string") return layer.shape[key] as z.ZodType | undefined;
    if (layer instanceof z.ZodArray && typeof key === "number") return layer.element as z.ZodType;
    if (layer instanceof z.ZodRecord && typeof key === "string") return layer.valueType as z.ZodType;
    if (layer instanceof z.ZodUnion) {
      // `gate: true` or `gate: { … }`: the field lives in whichever branch has it.
      for (const option of layer.options as z.ZodType[]) {
        const found = child(option, key);
        if (found) return found;
      }
    }
  }
  return undefined;
}

/** Looks a field up by its path in the kaizen.yml schema; undefined when no such field exists. */
export function fieldInfo(path: ReadonlyArray<PropertyKey>): FieldInfo | undefined {
  let schema: z.ZodType | undefined = KaizenConfig;
  for (const key of path) {
    schema = schema && child(schema, key);
  }
  if (!schema) return undefined;
  const info: FieldInfo = { hasDefault: false };
  for (const layer of layers(schema)) {
    info.description ??= z.globalRegistry.get(layer)?.description;
    info.fix ??= fixHints.get(layer)?.fix;
    if ((layer instanceof z.ZodDefault || layer instanceof z.ZodPrefault) && !info.hasDefault) {
      info.hasDefault = true;
      info.defaultValue = layer.def.defaultValue;
    }
    if (layer instanceof z.ZodObject) info.knownKeys ??= Object.keys(layer.shape);
    if (layer instanceof z.ZodUnion) {
      const mapping = (layer.options as z.ZodType[]).find((option): option is z.ZodObject => option instanceof z.ZodObject);
      if (mapping) info.knownKeys ??= Object.keys(mapping.shape);
    }
    if (layer instanceof z.ZodEnum) info.values ??= layer.options.map(String);
  }
  return info;
}
