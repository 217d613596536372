import type { SeriesSamples, TimeWindow } from "../../analysis/time-window.js";

/** A source could not answer: the message is shown to users as the Inconclusive reason. */
export class SourceError extends Error {
  override name = "SourceError";
}

/** One named metrics source defined by the operator (never by a repo). */
export interface MetricsSource {
  readonly name: string;
  readonly kind: string;
  /** Samples of `query` over `window` at `stepSeconds` resolution. Throws SourceError. */
  queryRange(query: string, window: TimeWindow, stepSeconds: number): Promise<SeriesSamples>;
  /** A link a human can open to see the same query as a graph. */
  graphUrl(query: string, window: TimeWindow): string;
}
