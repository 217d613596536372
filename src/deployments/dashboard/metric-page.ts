import type { Verdict } from "../../analysis/verdict.js";
import { formatPercent } from "../../markdown/format.js";
import type { DashboardChart, DashboardPage } from "../../web/dashboard-page.js";
import { htmlRenderer } from "../../web/render-html.js";
import { listMetricHistory, type MetricHistoryRow } from "../store/dashboard-queries.js";
import type { DeploymentPages, MetricTableRow } from "./deployment-pages.js";
import { metricPath } from "./deployments-tile.js";

const render = htmlRenderer<DeploymentPages>("deployments");
const DAY = 86_400_000;
/** Table rows per page: a year of hourly deploys is ~8 800 rows, too many for one readable page. */
export const ROWS_PER_PAGE = 200;
const VERDICTS: Verdict[] = ["regression", "improvement", "inconclusive", "no-change"];

/**
 * `/{owner}/{repo}/metrics/{environment}/{metric}?from=&to=&page=`: the metric's level after each deploy (the
 * candidate window's median) and before it (the baseline's), a marker per deploy coloured by its verdict that links
 * the pull request that shipped it (or its check run), and each comparison's band; under the chart, the same
 * data as a table, newest first. The range defaults to the last 365 days.
 *
 * The band of a comparison is the range around the baseline median that the comparison treats as no change:
 * ± the metric's threshold (a relative one taken of what it was measured against), or ± the metric's noise between
 * quiet windows where that is wider — a candidate median outside it, with a significant test, is a change.
 */
export const metricPage: DashboardPage = {
  path: "/metrics/:environment/:metric",
  async render({ db, repo, params, query, now, githubUrl = "https://github.com" }) {
    const environment = params["environment"] ?? "";
    const metric = params["metric"] ?? "";
    const to = readDay(query.get("to")) ?? new Date(now.getTime() + 1000);
    const from = readDay(query.get("from")) ?? new Date(to.getTime() - 365 * DAY);
    if (from >= to) return undefined;
    const history = await listMetricHistory(db, { repoId: repo.id, environment, metric, from, to });
    if (history.length === 0) return undefined;

    const repoUrl = `${githubUrl}/${repo.owner}/${repo.name}`;
    const rows = history.map((row) => toTableRow(row, repoUrl));
    const unit = history.at(-1)!.unit;
    const chart: DashboardChart = {
      title: `${metric} in ${environment}`,
      unit,
      x: history.map((row) => row.deployedAt.getTime() / 1000),
      series: [
        { label: "level after the deploy (candidate median)", values: history.map((row) => row.candidateMedian) },
        { label: "level before (baseline median)", values: history.map((row) => row.baselineMedian) },
      ],
      markers: rows.flatMap((row) =>
        row.candidateMedian === null
          ? []
          : [{
              x: row.deployedAt.getTime() / 1000,
              y: row.candidateMedian,
              kind: row.verdict,
              label: `${row.sha.slice(0, 7)} ${row.verdict} ${formatPercent(row.changePct)}`,
              href: row.pullUrl ?? row.checkRunUrl ?? row.commitUrl,
            }],
      ),
      bands: history.flatMap((row, i) => {
        const band = rows[i]!;
        if (!row.candidateStart || !row.candidateEnd || band.bandLow === null || band.bandHigh === null) return [];
        return [{ from: row.candidateStart.getTime() / 1000, to: row.candidateEnd.getTime() / 1000, low: band.bandLow, high: band.bandHigh, label: "no-change band" }];
      }),
    };

    const newestFirst = [...rows].reverse();
    const pages = Math.max(1, Math.ceil(newestFirst.length / ROWS_PER_PAGE));
    const page = Math.min(pages, Math.max(1, Number.parseInt(query.get("page") ?? "1", 10) || 1));
    const base = metricPath(repo, environment, metric);
    const range = `from=${day(from)}&to=${day(to)}`;
    const html = render("metric-page", {
      environment,
      metric,
      unit,
      from: day(from),
      to: day(to),
      total: rows.length,
      counts: VERDICTS.map((verdict) => ({ verdict, count: rows.filter((row) => row.verdict === verdict).length })),
      chartId: "kz-metric-chart",
      chart,
      rows: newestFirst.slice((page - 1) * ROWS_PER_PAGE, page * ROWS_PER_PAGE),
      page,
      pages,
      newer: page > 1 ? `${base}?${range}&page=${page - 1}` : null,
      older: page < pages ? `${base}?${range}&page=${page + 1}` : null,
      ranges: [30, 90, 365].map((days) => ({ label: `last ${days} days`, href: `${base}?from=${day(new Date(now.getTime() - days * DAY))}` })),
    });
    return { title: `${metric} · ${environment}`, html };
  },
};

function toTableRow(row: MetricHistoryRow, repoUrl: string): MetricTableRow {
  const [bandLow, bandHigh] = band(row);
  return {
    deployedAt: row.deployedAt,
    sha: row.sha,
    commitUrl: `${repoUrl}/commit/${row.sha}`,
    pullNumber: row.pullNumber,
    pullUrl: row.pullNumber === null ? null : `${repoUrl}/pull/${row.pullNumber}`,
    checkRunUrl: row.checkRunId === null ? null : `${repoUrl}/runs/${row.checkRunId}`,
    verdict: row.verdict,
    baselineMedian: row.baselineMedian,
    candidateMedian: row.candidateMedian,
    changePct: row.changePct,
    pValue: row.pValue,
    bandLow,
    bandHigh,
  };
}

function band(row: MetricHistoryRow): [number | null, number | null] {
  if (row.baselineMedian === null) return [null, null];
  const scale = row.relativeTo ?? Math.abs(row.baselineMedian);
  const threshold = row.threshold.kind === "relative" ? row.threshold.value * scale : row.threshold.value;
  const half = Math.max(threshold, row.noise ?? 0);
  return [row.baselineMedian - half, row.baselineMedian + half];
}

function readDay(text: string | null): Date | null {
  if (!text || !/^\d{4}-\d{2}-\d{2}$/.test(text)) return null;
  const date = new Date(`${text}T00:00:00Z`);
  return Number.isNaN(date.getTime()) ? null : date;
}

const day = (date: Date) => date.toISOString().slice(0, 10);
