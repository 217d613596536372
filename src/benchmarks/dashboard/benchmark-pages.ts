import type { DashboardChart } from "../../web/dashboard-page.js";

/** templates/benchmarks/*.html.hbs: each dashboard template's context, keyed by its file name. */
export interface BenchmarkPages {
  "benchmarks-tile": {
    branch: string;
    latest: { sha: string; url: string; at: Date };
    previous: { sha: string; url: string } | null;
    rows: {
      benchmark: string;
      measure: string;
      unit: string;
      page: string;
      before: number | null;
      after: number;
      changePct: number | null;
      direction: "better" | "worse" | "same" | "new";
    }[];
    issues: { issueNumber: number; metricName: string; url: string }[];
  };
  "benchmark-page": {
    benchmark: string;
    branch: string;
    charts: { id: string; measure: string; unit: string; chart: DashboardChart }[];
    rows: { measure: string; unit: string; branch: string; onDefault: boolean; sha: string; url: string; at: Date; value: number }[];
  };
}
