/** A half-open time range [start, end). */
export interface TimeWindow {
  start: Date;
  end: Date;
}

/** One query's samples over one window, already validated and converted to numbers. */
export interface SeriesSamples {
  /** Unix seconds of each sample, ascending. */
  timestamps: number[];
  /** Finite values only (NaN/±Inf dropped at the adapter boundary). */
  values: number[];
}
