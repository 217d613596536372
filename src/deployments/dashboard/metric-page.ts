import type { Verdict } from "../../analysis/verdict.js";
import { formatPercent } from "../../markdown/format.js";
import type { DashboardChart, DashboardPage } from "../../web/dashboard-page.js";
import { htmlTemplateRenderer } from "../../markdown/render-html-template.js";
import { listDriftSpans, listMetricHistory, type DriftSpanRow, type MetricHistoryRow } from "../store/dashboard-queries.js";
import type { DeploymentPages, DriftSpanItem, MetricTableRow } from "./deployment-pages.js";
import { metricPath } from "./deployments-tile.js";

const render = htmlTemplateRenderer<DeploymentPages>("deployments");
const DAY = 86_400_000;
/** The range shown unless asked otherwise: a quarter of deploys answers fast even at hourly deploys; a year is a link away. */
const DEFAULT_DAYS = 90;
/** Table rows per page: a year of hourly deploys is ~8 800 rows, too many for one readable page. */
export const ROWS_PER_PAGE = 200;
const VERDICTS: Verdict[] = ["regression", "improvement", "inconclusive", "no-change"];

/**
 * `/{owner}/{repo}/metrics/{environment}/{metric}?from=&to=&page=`: the metric's level after each deploy (the
 * candidate window's median) and before it (the baseline's), a marker per deploy coloured by its verdict that links
 * the pull request that shipped it (or its check run), and each comparison's band; under the chart, the same
 * data as a table, newest first. The range defaults to the last 90 days (`from`/`to`: days, `to` exclusive).
 *
 * The band of a comparison is the range around the baseline median that the comparison treats as no change:
 * ± the metric's threshold (a relative one taken of what it was measured against), or ± the metric's noise between
 * quiet windows where that is wider — a candidate median outside it, with a significant test, is a change.
 *
 * Drift (issue 12) is drawn as a full-height band per drift issue, from the deploy whose check opened it to the one
 * whose check closed it (the last deploy shown while it is open), and listed under the chart: what Kaizen said and
 * when, read from the issues — not a drift check rerun on every view, which would cost a change-point search per
 * page and could disagree with the issue people were sent.
 */
export const metricPage: DashboardPage = {
  path: "/metrics/:environment/:metric",
  async render({ db, repo, params, query, now, githubUrl = "https://github.com" }) {
    const environment = params["environment"] ?? "";
    const metric = params["metric"] ?? "";
    const to = readDay(query.get("to")) ?? new Date(now.getTime() + 1000);
    const from = readDay(query.get("from")) ?? new Date(to.getTime() - DEFAULT_DAYS * DAY);
    if (from >= to) return undefined;
    const span = { repoId: repo.id, environment, metric, from, to };
    const [{ unit, rows: history }, drifts] = await Promise.all([listMetricHistory(db, span), listDriftSpans(db, span)]);
    if (history.length === 0) return undefined;

    const repoUrl = `${githubUrl}/${repo.owner}/${repo.name}`;
    const chart: DashboardChart = {
      title: `${metric} in ${environment}`,
      unit,
      x: history.map((row) => row.deployedAt),
      series: [
        { label: "level after the deploy (candidate median)", values: history.map((row) => round(row.candidateMedian)) },
        { label: "level before (baseline median)", values: history.map((row) => round(row.baselineMedian)) },
      ],
      markers: history.flatMap((row) =>
        row.candidateMedian === null
          ? []
          : [{
              x: row.deployedAt,
              y: round(row.candidateMedian)!,
              kind: row.verdict,
              label: `${row.sha.slice(0, 7)} ${row.verdict} ${formatPercent(row.changePct)}`,
              href: row.pullNumber !== null ? `${repoUrl}/pull/${row.pullNumber}` : row.checkRunId !== null ? `${repoUrl}/runs/${row.checkRunId}` : `${repoUrl}/commit/${row.sha}`,
            }],
      ),
      bands: [
        ...history.flatMap((row) => {
          if (row.candidateStart === null || row.candidateEnd === null || row.baselineMedian === null || row.bandHalf === null) return [];
          return [{ from: row.candidateStart, to: row.candidateEnd, low: round(row.baselineMedian - row.bandHalf)!, high: round(row.baselineMedian + row.bandHalf)!, label: "no-change band" }];
        }),
        ...drifts.map((drift) => ({ from: drift.openedAt, to: drift.closedAt ?? history.at(-1)!.deployedAt, label: `drift: issue #${drift.issueNumber}`, kind: "drift" as const })),
      ],
    };

    const pages = Math.max(1, Math.ceil(history.length / ROWS_PER_PAGE));
    const page = Math.min(pages, Math.max(1, Number.parseInt(query.get("page") ?? "1", 10) || 1));
    // Newest first: page 1 is the end of the history.
    const last = history.length - (page - 1) * ROWS_PER_PAGE;
    const rows = history.slice(Math.max(0, last - ROWS_PER_PAGE), last).reverse().map((row) => toTableRow(row, repoUrl));
    const base = metricPath(repo, environment, metric);
    const range = `from=${day(from)}&to=${day(to)}`;
    const html = render("metric-page", {
      environment,
      metric,
      unit,
      from: day(from),
      to: day(to),
      total: history.length,
      counts: VERDICTS.map((verdict) => ({ verdict, count: history.filter((row) => row.verdict === verdict).length })),
      drifts: drifts.map((drift) => toDriftItem(drift, history, repoUrl)),
      chartId: "kz-metric-chart",
      chart,
      rows,
      page,
      pages,
      newer: page > 1 ? `${base}?${range}&page=${page - 1}` : null,
      older: page < pages ? `${base}?${range}&page=${page + 1}` : null,
      ranges: [30, 90, 365].map((days) => ({ label: `last ${days} days`, href: `${base}?from=${day(new Date(now.getTime() - days * DAY))}` })),
    });
    return { title: `${metric} · ${environment}`, html };
  },
};

function toDriftItem(drift: DriftSpanRow, history: MetricHistoryRow[], repoUrl: string): DriftSpanItem {
  const end = drift.closedAt ?? Number.POSITIVE_INFINITY;
  return {
    issueNumber: drift.issueNumber,
    url: `${repoUrl}/issues/${drift.issueNumber}`,
    openedAt: new Date(drift.openedAt * 1000),
    openedSha: drift.openedSha,
    closedAt: drift.closedAt === null ? null : new Date(drift.closedAt * 1000),
    closedSha: drift.closedSha,
    levelBefore: drift.levelBefore,
    deploys: history.filter((row) => row.deployedAt >= drift.openedAt && row.deployedAt <= end).length,
  };
}

function toTableRow(row: MetricHistoryRow, repoUrl: string): MetricTableRow {
  const banded = row.baselineMedian !== null && row.bandHalf !== null;
  return {
    deployedAt: new Date(row.deployedAt * 1000),
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
    bandLow: banded ? row.baselineMedian! - row.bandHalf! : null,
    bandHigh: banded ? row.baselineMedian! + row.bandHalf! : null,
  };
}

/** Six significant digits: finer than a chart or its tooltip shows, and a third of the bytes of a full double. */
function round(value: number | null): number | null {
  return value === null ? null : Number(value.toPrecision(6));
}

function readDay(text: string | null): Date | null {
  if (!text || !/^\d{4}-\d{2}-\d{2}$/.test(text)) return null;
  const date = new Date(`${text}T00:00:00Z`);
  return Number.isNaN(date.getTime()) ? null : date;
}

const day = (date: Date) => date.toISOString().slice(0, 10);
