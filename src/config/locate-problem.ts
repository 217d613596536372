import { isMap, isNode, isPair, isScalar, isSeq, type Document, type LineCounter, type Node } from "yaml";

/** A 1-based line and column in a YAML file, as editors and `file:line:col` links count them. */
export interface FilePosition {
  line: number;
  col: number;
}

/** `metrics[0].threshold` → `["metrics", 0, "threshold"]`; "(file)" and other non-paths → `[]`. */
export function parseProblemPath(path: string): Array<string | number> {
  return [...path.matchAll(/\[(\d+)\]|([^.[\]]+)/g)].flatMap(([, index, key]): Array<string | number> => {
    if (index !== undefined) return [Number(index)];
    return key === undefined || key === "(file)" ? [] : [key];
  });
}

const keyOf = (key: unknown): unknown => (isScalar(key) ? key.value : key);

/**
 * Where in the file a problem at `path` lies: the value at the path, or its key when `target` is "key" (an
 * option the schema does not know) or the value is empty; the nearest enclosing mapping or list when the
 * path goes further than the file does (a missing field is reported on the mapping that lacks it).
 */
export function locateProblem(
  doc: Document,
  lineCounter: LineCounter,
  path: ReadonlyArray<PropertyKey>,
  target: "value" | "key" = "value",
): FilePosition {
  let found: Node | null = isNode(doc.contents) ? doc.contents : null;
  for (const [index, segment] of path.entries()) {
    const last = index === path.length - 1;
    if (isMap(found)) {
      const pair = found.items.find((item) => isPair(item) && keyOf(item.key) === segment);
      if (!pair) break;
      const value = isNode(pair.value) && !(isScalar(pair.value) && pair.value.value === null) ? pair.value : null;
      if (!value || (last && target === "key")) {
        found = isNode(pair.key) ? pair.key : found;
        break;
      }
      found = value;
    } else if (isSeq(found) && typeof segment === "number") {
      const item = found.items[segment];
      if (!isNode(item)) break;
      found = item;
    } else {
      break;
    }
  }
  const offset = found?.range?.[0] ?? 0;
  return lineCounter.linePos(offset);
}
