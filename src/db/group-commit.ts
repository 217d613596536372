export interface GroupCommitOptions<Item> {
  /**
   * Items with the same key never share a statement (an upsert cannot touch one row twice in one statement);
   * a later one waits for the next statement, so items of one key are also written in the order they came.
   */
  keyOf?: (item: Item) => string;
  /** The most items one statement carries (default 200). */
  maxBatch?: number;
}

interface Waiting<Item, Result> {
  item: Item;
  resolve: (result: Result) => void;
  reject: (error: unknown) => void;
}

interface Lane<Item, Result> {
  waiting: Array<Waiting<Item, Result>>;
  flushing: boolean;
  lastFlush: number;
}

/**
 * Group commit: `write` takes many items and returns one result per item, in order; the function returned takes
 * one item at a time and writes together the items that arrive while the previous statement is in flight, one
 * statement for all of them. Alone, a caller waits for nothing more than its own statement; under a burst, N
 * concurrent webhook deliveries cost one round trip to PostgreSQL instead of N (on this machine a round trip's
 * system calls cost more than the statement itself).
 *
 * One lane per database handle (a pool, or a transaction's client). Should a statement of several items fail,
 * each is written again alone, so one bad item fails only its own caller.
 */
export function groupCommit<Db extends object, Item, Result>(
  write: (db: Db, items: Item[]) => Promise<Result[]>,
  { keyOf, maxBatch = 200 }: GroupCommitOptions<Item> = {},
): (db: Db, item: Item) => Promise<Result> {
  const lanes = new WeakMap<Db, Lane<Item, Result>>();

  function take(lane: Lane<Item, Result>): Array<Waiting<Item, Result>> {
    if (!keyOf) return lane.waiting.splice(0, maxBatch);
    const batch: Array<Waiting<Item, Result>> = [];
    const keys = new Set<string>();
    const rest: Array<Waiting<Item, Result>> = [];
    for (const entry of lane.waiting) {
      const key = keyOf(entry.item);
      if (batch.length < maxBatch && !keys.has(key)) {
        keys.add(key);
        batch.push(entry);
      } else {
        keys.add(key); // a later item of this key must not overtake the one left waiting
        rest.push(entry);
      }
    }
    lane.waiting = rest;
    return batch;
  }

  async function settle(db: Db, batch: Array<Waiting<Item, Result>>): Promise<void> {
    try {
      const results = await write(db, batch.map((entry) => entry.item));
      if (results.length !== batch.length) throw new Error(`group commit: ${results.length} results for ${batch.length} items`);
      batch.forEach((entry, i) => entry.resolve(results[i]!));
    } catch (error) {
      if (batch.length === 1) return batch[0]!.reject(error);
      for (const entry of batch) await settle(db, [entry]);
    }
  }

  async function flush(db: Db, lane: Lane<Item, Result>): Promise<void> {
    lane.flushing = true;
    // Under load (the lane wrote moments ago), wait a millisecond so that more deliveries share the statement;
    // otherwise only those already running in this turn of the event loop join it.
    if (performance.now() - lane.lastFlush < 10) await new Promise((resolve) => setTimeout(resolve, 1));
    else await new Promise((resolve) => setImmediate(resolve));
    try {
      while (lane.waiting.length > 0) await settle(db, take(lane));
    } finally {
      lane.flushing = false;
      lane.lastFlush = performance.now();
    }
  }

  return (db, item) =>
    new Promise<Result>((resolve, reject) => {
      let lane = lanes.get(db);
      if (!lane) lanes.set(db, (lane = { waiting: [], flushing: false, lastFlush: 0 }));
      lane.waiting.push({ item, resolve, reject });
      if (!lane.flushing) void flush(db, lane);
    });
}
