import type { Queryable } from "./queryable.js";

/**
 * Whether the database answers `select 1` within `timeoutMs` (for /healthz). Never throws: an unreachable
 * server, an exhausted pool or a slow answer all read as unreachable.
 */
export async function isDatabaseReachable(db: Queryable, timeoutMs = 2000): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), timeoutMs);
  });
  const probe = db.query("select 1").then(
    () => true,
    () => false,
  );
  try {
    return await Promise.race([probe, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
