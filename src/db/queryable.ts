import type pg from "pg";

/** Anything that runs a query: a Pool, or a PoolClient inside a transaction. Every query function takes one. */
export type Queryable = Pick<pg.Pool, "query">;
