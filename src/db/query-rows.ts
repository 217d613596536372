import { bigintAsNumber } from "./bigint-as-number.js";
import type { Queryable } from "./queryable.js";

/** Runs one parameterised statement with `bigint` columns read as numbers, and returns its rows. */
export async function queryRows<T extends object>(db: Queryable, text: string, values: unknown[] = []): Promise<T[]> {
  const { rows } = await db.query<T>({ text, values, types: bigintAsNumber });
  return rows;
}

/** The first row of {@link queryRows}, or null when there is none. */
export async function queryRow<T extends object>(db: Queryable, text: string, values: unknown[] = []): Promise<T | null> {
  return (await queryRows<T>(db, text, values))[0] ?? null;
}
