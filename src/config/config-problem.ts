/** One thing wrong with a repository's kaizen.yml, worded for the repository owner. */
export interface ConfigProblem {
  /** Where: `metrics[0].threshold`, or "(file)" for the file as a whole. */
  path: string;
  /** What is wrong, as a sentence. */
  message: string;
  /** What to write instead, as a sentence. */
  fix: string;
}

/** The path of the file as a whole. */
export const FILE_PATH = "(file)";

/** `["metrics", 0, "threshold"]` → `metrics[0].threshold`; `[]` → "(file)". */
export function formatPath(path: ReadonlyArray<PropertyKey>): string {
  if (path.length === 0) return FILE_PATH;
  return path
    .map((key, index) => (typeof key === "number" ? `[${key}]` : `${index === 0 ? "" : "."}${String(key)}`))
    .join("");
}
