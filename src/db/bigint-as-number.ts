import pg from "pg";
import type { CustomTypesConfig } from "pg";

const INT8_OID = 20;

function parseInt8(value: string): number {
  const n = Number(value);
  // Ids (ours and GitHub's) stay far below 2^53; fail loudly rather than round an id silently.
  if (!Number.isSafeInteger(n)) throw new RangeError(`bigint ${value} does not fit a JavaScript number`);
  return n;
}

/**
 * Query-level type parsers that read `bigint` columns as numbers (pg returns them as strings by default).
 * Passed per query rather than set globally, so it works for any Pool or client without side effects.
 */
export const bigintAsNumber: CustomTypesConfig = {
  getTypeParser: (oid: number, format?: "text" | "binary") =>
    oid === INT8_OID ? parseInt8 : pg.types.getTypeParser(oid, format),
};
