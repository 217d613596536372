import type { Verdict } from "../../analysis/verdict.js";
import type { DashboardChart } from "../../web/dashboard-page.js";

/** templates/deployments/*.html.hbs: each dashboard template's context, keyed by its file name. */
export interface DeploymentPages {
  "deployments-tile": {
    environments: {
      name: string;
      deployedAt: Date;
      sha: string;
      commitUrl: string;
      checkRunUrl: string | null;
      metrics: { metricName: string; unit: string; verdict: Verdict; candidateMedian: number | null; changePct: number | null; page: string }[];
    }[];
    issues: { issueNumber: number; environment: string; metricName: string; openedAt: Date; url: string; page: string }[];
    drifts: { issueNumber: number; environment: string; metricName: string; openedAt: Date; url: string; page: string }[];
  };
  "metric-page": {
    environment: string;
    metric: string;
    unit: string;
    from: string;
    to: string;
    total: number;
    counts: { verdict: Verdict; count: number }[];
    /** The drift issues whose life overlaps the range, oldest first. */
    drifts: DriftSpanItem[];
    chartId: string;
    chart: DashboardChart;
    rows: MetricTableRow[];
    page: number;
    pages: number;
    newer: string | null;
    older: string | null;
    ranges: { label: string; href: string }[];
  };
}

export interface DriftSpanItem {
  issueNumber: number;
  url: string;
  openedAt: Date;
  openedSha: string;
  closedAt: Date | null;
  closedSha: string | null;
  levelBefore: number | null;
  /** The deploys shown that fall in the span (the page's range may cut it). */
  deploys: number;
}

export interface MetricTableRow {
  deployedAt: Date;
  sha: string;
  commitUrl: string;
  pullNumber: number | null;
  pullUrl: string | null;
  checkRunUrl: string | null;
  verdict: Verdict;
  baselineMedian: number | null;
  candidateMedian: number | null;
  changePct: number | null;
  pValue: number | null;
  bandLow: number | null;
  bandHigh: number | null;
}
