import type { DashboardChart } from "../web/dashboard-page.js";
import { DORA_COLUMNS, doraRows } from "./format-dora.js";
import type { DoraFigures, DoraWeek } from "./model/compute-dora.js";
import type { LoadedDoraReport } from "./load-dora-report.js";
import type { DoraBand } from "./model/dora-bands.js";
import { DORA_RULES, FAILURE_RULES, type DoraKey } from "./model/dora-rules.js";

type Report = LoadedDoraReport;

/** One of the five keys as a tile: the period's figure, its band, the rule behind it and its weekly trend. */
export interface DoraKeyTile {
  key: DoraKey;
  name: string;
  /** The period's figure as people read it ("3.5 deploys/week", "—" without data). */
  value: string;
  /** The part of the figure that needs saying too ("12 deploys on 9 days", "2 of 14 deploys"). */
  detail: string;
  band: DoraBand | null;
  rule: string;
  /** The weekly values as an SVG polyline in a 120×32 box ("" with fewer than two weeks of data). */
  sparkline: string;
  /** The trend in words for readers of the text: first and last week with data. */
  trend: string;
}

/** Everything `templates/dora/dora-page.html.hbs` shows. */
export interface DoraPageContext {
  repo: string;
  environments: string;
  from: Date;
  to: Date;
  keys: DoraKeyTile[];
  charts: Array<{ id: string; title: string; chart: DashboardChart }>;
  columns: readonly string[];
  /** The API's rows, weeks then the total, as cells. */
  rows: string[][];
  failed: Array<{ deploymentId: number; sha: string; succeededAt: Date; causes: Array<{ rule: string; why: string; evidence: string }>; recovered: string }>;
  rework: Array<{ deploymentId: number; sha: string; succeededAt: Date; fixing: number }>;
  failureRules: Array<{ rule: string; text: string }>;
  /** Deploys of the period whose commits GitHub could not compare (no lead times for them), with the reason. */
  compareProblems: LoadedDoraReport["compareProblems"];
  bandsNote: string;
  /** Other views: each environment alone, the production set, longer periods. */
  views: Array<{ label: string; href: string; current: boolean }>;
  api: Array<{ label: string; href: string }>;
}

const KEY_NAMES: Record<DoraKey, string> = {
  "deployment-frequency": "Deployment frequency",
  "change-lead-time": "Change lead time",
  "change-fail-rate": "Change fail rate",
  "failed-deployment-recovery-time": "Failed deployment recovery time",
  "deployment-rework-rate": "Deployment rework rate",
};

const WEEK_S = 7 * 86_400;

/** The five key tiles of a report: the page's head and the repository overview's DORA tile. */
export function doraKeyTiles(report: Report): DoraKeyTile[] {
  const s = report.summary;
  const weekly = (pick: (w: DoraWeek) => number | null) => report.weeks.map(pick);
  const tile = (key: DoraKey, value: string, detail: string, band: DoraBand | null, values: (number | null)[], unit: string): DoraKeyTile => ({
    key,
    name: KEY_NAMES[key],
    value,
    detail,
    band,
    rule: DORA_RULES[key],
    sparkline: sparkline(values),
    trend: trendText(report.weeks, values, unit),
  });
  return [
    tile("deployment-frequency", s.deploysPerWeek === null ? "—" : `${fixed(s.deploysPerWeek)} deploys/week`, `${s.deploys} deploys on ${s.deploymentDays} days`, report.bands.deploymentFrequency, weekly((w) => w.deploys), " deploys"),
    tile("change-lead-time", hours(s.leadTimeMedianHours), `median of ${s.changes} changes; p90 ${hours(s.leadTimeP90Hours)}`, report.bands.changeLeadTime, weekly((w) => w.leadTimeMedianHours), " h"),
    tile("change-fail-rate", percent(s.changeFailRate), `${s.failedDeploys} of ${s.deploys} deploys failed`, report.bands.changeFailRate, weekly((w) => pct(w.changeFailRate)), "%"),
    tile("failed-deployment-recovery-time", hours(s.recoveryMedianHours), `median of ${s.recovered} recovered; ${s.unrecovered} not recovered`, report.bands.recoveryTime, weekly((w) => w.recoveryMedianHours), " h"),
    tile("deployment-rework-rate", percent(s.reworkRate), `${s.reworkDeploys} of ${s.deploys} deploys were rework`, null, weekly((w) => pct(w.reworkRate)), "%"),
  ];
}

/** The `/dora` page of a report; `views` and `api` are built by the caller, which knows the URLs. */
export function buildDoraPage(repo: string, report: Report, links: Pick<DoraPageContext, "views" | "api">): DoraPageContext {
  const x = report.weeks.map((w) => Date.parse(`${w.week}T00:00:00Z`) / 1000);
  const weekOf = (at: Date) => Math.floor((at.getTime() / 1000 - x[0]!) / WEEK_S);
  const rateOfWeek = (at: Date) => pct(report.weeks[weekOf(at)]?.changeFailRate ?? null) ?? 0;
  const chart = (id: string, title: string, unit: string, series: DashboardChart["series"], markers?: DashboardChart["markers"]) => ({
    id: `dora-${id}`,
    title,
    chart: { title, unit, x, series, ...(markers ? { markers } : {}) },
  });
  const series = (label: string, pick: (w: DoraFigures) => number | null) => ({ label, values: report.weeks.map(pick) });

  return {
    repo,
    environments: report.environments.join(", ") || "none deployed yet",
    from: report.from,
    to: report.to,
    keys: doraKeyTiles(report),
    charts: [
      chart("frequency", "Deployment frequency per week", "per week", [series("deploys", (w) => w.deploys), series("deployment days", (w) => w.deploymentDays)]),
      chart("lead-time", "Change lead time per week", "h", [series("median", (w) => w.leadTimeMedianHours), series("p90", (w) => w.leadTimeP90Hours)]),
      chart(
        "fail-rate",
        "Change fail rate per week",
        "%",
        [series("change fail rate", (w) => pct(w.changeFailRate))],
        // Each failed deploy on its week, a confirmed Kaizen regression marked as one.
        report.failedDeploys.map((f) => ({
          x: x[0]! + weekOf(f.succeededAt) * WEEK_S,
          y: rateOfWeek(f.succeededAt),
          kind: f.causes.some((c) => c.rule === "confirmed-regression") ? ("regression" as const) : ("event" as const),
          label: `deploy ${f.sha.slice(0, 7)}: ${f.causes.map((c) => `${c.rule} (${c.evidence})`).join("; ")}`,
        })),
      ),
      chart("recovery", "Failed deployment recovery time per week", "h", [series("median", (w) => w.recoveryMedianHours)]),
      chart("rework", "Deployment rework rate per week", "%", [series("rework rate", (w) => pct(w.reworkRate))]),
    ],
    columns: DORA_COLUMNS,
    rows: doraRows(report),
    failed: report.failedDeploys.map((f) => ({
      deploymentId: f.deploymentId,
      sha: f.sha,
      succeededAt: f.succeededAt,
      causes: f.causes.map((c) => ({ rule: c.rule, why: c.why, evidence: c.evidence })),
      recovered: f.recoveredAt ? `${f.recoveredAt.toISOString().replace(/\.\d{3}Z$/, "Z")} (${fixed(f.recoveryHours ?? 0)} h)` : "not yet",
    })),
    rework: report.reworkDeploys,
    failureRules: Object.entries(FAILURE_RULES).map(([rule, text]) => ({ rule, text })),
    compareProblems: report.compareProblems,
    bandsNote: report.bandsNote,
    ...links,
  };
}

function sparkline(values: (number | null)[]): string {
  const points = values.flatMap((v, i) => (v === null ? [] : [{ i, v }]));
  if (points.length < 2) return "";
  const max = Math.max(...points.map((p) => p.v));
  const min = Math.min(...points.map((p) => p.v));
  const span = max - min || 1;
  const step = values.length > 1 ? 118 / (values.length - 1) : 0;
  return points.map(({ i, v }) => `${round(1 + i * step)},${round(31 - ((v - min) / span) * 30)}`).join(" ");
}

function trendText(weeks: DoraWeek[], values: (number | null)[], unit: string): string {
  const known = values.flatMap((v, i) => (v === null ? [] : [{ week: weeks[i]!.week, v }]));
  if (known.length === 0) return "no data in these weeks";
  const first = known[0]!;
  const last = known[known.length - 1]!;
  if (known.length === 1) return `${fixed(first.v)}${unit} in the week of ${first.week} only`;
  return `${fixed(first.v)}${unit} in the week of ${first.week}, ${fixed(last.v)}${unit} in the week of ${last.week}`;
}

const pct = (rate: number | null) => (rate === null ? null : rate * 100);
const fixed = (n: number) => String(Math.round(n * 100) / 100);
const round = (n: number) => Math.round(n * 10) / 10;
const hours = (h: number | null) => (h === null ? "—" : h < 48 ? `${fixed(h)} h` : `${fixed(h / 24)} days`);
const percent = (rate: number | null) => (rate === null ? "—" : `${(rate * 100).toFixed(1)}%`);
