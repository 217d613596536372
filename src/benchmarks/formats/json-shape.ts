/** Where a value lies in a JSON document: `["results", 2, "mean"]`. */
export type JsonPath = ReadonlyArray<string | number>;

/**
 * A JSON result file whose content is not what its format writes. Thrown by the format parsers with the path of
 * the offending value; parseBenchmarkFile turns the path into a line of the file.
 */
export class JsonShapeError extends Error {
  override name = "JsonShapeError";
  constructor(
    readonly path: JsonPath,
    readonly reason: string,
  ) {
    super(reason);
  }
}

/** `["results", 2, "mean"]` → `results[2].mean`, as the reason shows it. */
export function describePath(path: JsonPath): string {
  return path.map((part, index) => (typeof part === "number" ? `[${part}]` : index === 0 ? part : `.${part}`)).join("");
}

/** A JsonShapeError whose reason starts with the path: `results[1].mean should be a number`. */
export const shapeError = (path: JsonPath, problem: string): JsonShapeError =>
  new JsonShapeError(path, `${describePath(path)} ${problem}`);

/** An entry passed over or read in part, where it lies; parseBenchmarkFile turns the path into a line. */
export interface JsonNote {
  path: JsonPath;
  reason: string;
}

export const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

const isFiniteNumber = (value: unknown): value is number => typeof value === "number" && Number.isFinite(value);

export function objectAt(value: unknown, path: JsonPath): Record<string, unknown> {
  if (!isObject(value)) throw shapeError(path, "should be an object");
  return value;
}

export function listAt(value: unknown, path: JsonPath): unknown[] {
  if (!Array.isArray(value)) throw shapeError(path, "should be a list");
  return value;
}

/** A required number; `what` says what the tool writes there, so the reason explains the field. */
export function numberField(entry: Record<string, unknown>, key: string, path: JsonPath, what: string): number {
  const value = entry[key];
  if (value === undefined) throw shapeError(path, `has no "${key}" (${what})`);
  if (!isFiniteNumber(value)) throw shapeError([...path, key], `should be a number (${what})`);
  return value;
}

export function optionalNumber(entry: Record<string, unknown>, key: string, path: JsonPath): number | null {
  const value = entry[key];
  if (value === undefined || value === null) return null;
  if (!isFiniteNumber(value)) throw shapeError([...path, key], "should be a number");
  return value;
}

export function stringField(entry: Record<string, unknown>, key: string, path: JsonPath, what: string): string {
  const value = entry[key];
  if (typeof value !== "string" || value === "") {
    throw shapeError(path, `has no "${key}" text (${what})`);
  }
  return value;
}

/** A list of samples; null when the file does not keep them. */
export function optionalSamples(entry: Record<string, unknown>, key: string, path: JsonPath): number[] | null {
  const value = entry[key];
  if (value === undefined || value === null) return null;
  const list = listAt(value, [...path, key]);
  const bad = list.findIndex((sample) => !isFiniteNumber(sample));
  if (bad !== -1) throw shapeError([...path, key, bad], "should be a number");
  return list as number[];
}
