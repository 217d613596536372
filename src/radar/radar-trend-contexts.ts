/** Why a market trend's labels cannot be used, and how to fix them (templates/radar-trend-problem.md.hbs). */
export interface RadarTrendProblemContext {
  marker: string;
  /** One sentence per problem, each saying how to fix it. */
  problems: string[];
  /** The direction and impact the trend keeps meanwhile; null for a new trend. */
  kept: { trend: string; impact: string } | null;
  /** Example labels of a valid trend, like `trend:rising` and `impact:high`. */
  example: { trend: string; impact: string };
}
