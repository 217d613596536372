import type { DashboardContext, DashboardHtml, DashboardPage, OverviewTile } from "../web/dashboard-page.js";
import { DoraConfig } from "../config/schema/dora-config.js";
import { htmlTemplateRenderer } from "../markdown/render-html-template.js";
import { buildDoraPage, doraKeyTiles, type DoraKeyTile, type DoraPageContext } from "./build-dora-page.js";
import { loadDoraReportCached } from "./load-dora-report-cached.js";
import { weekStart } from "./model/dora-stats.js";
import { listDoraEnvironments } from "./store/dora-deployments.js";
import { getDoraSettings } from "./store/dora-settings.js";

interface DoraTileContext {
  href: string;
  environments: string;
  keys: DoraKeyTile[];
}

const render = htmlTemplateRenderer<{ "dora-page": DoraPageContext; "dora-tile": DoraTileContext }>("dora");

const DAY = 86_400_000;
const DEFAULT_WEEKS = 12;
const PERIODS = [12, 26, 52];

/**
 * `/{owner}/{repo}/dora?environment=&weeks=`: DORA's five keys per week (12 by default, up to five years), each
 * with the rule behind it, the failed deploys with their causes (Kaizen's confirmed regressions among them) and the
 * same table the API gives. Computed from the database alone with the settings the config last gave
 * (dora_settings, else the defaults); 404 for a repository without a successful deploy.
 */
export const doraDashboardPage: DashboardPage = {
  path: "/dora",
  async render(context: DashboardContext): Promise<DashboardHtml | undefined> {
    const environments = await listDoraEnvironments(context.db, context.repo.id);
    if (environments.length === 0) return undefined;
    const weeks = readWeeks(context.query.get("weeks"));
    const asked = context.query.get("environment");
    const environment = asked !== null && environments.includes(asked) ? asked : null;
    const report = await loadReport(context, environment, weeks);
    const repo = `${context.repo.owner}/${context.repo.name}`;
    const view = (env: string | null, w: number) => `?${new URLSearchParams({ ...(env === null ? {} : { environment: env }), weeks: String(w) })}`;
    const apiQuery = new URLSearchParams({ ...(environment === null ? {} : { environment }), from: report.from.toISOString(), to: report.to.toISOString() });
    const api = `${context.publicUrl}/api/dora/${encodeURIComponent(context.repo.owner)}/${encodeURIComponent(context.repo.name)}?${apiQuery}`;
    const page = buildDoraPage(repo, report, {
      views: [
        { label: "production (config)", href: view(null, weeks), current: environment === null },
        ...environments.map((env) => ({ label: env, href: view(env, weeks), current: env === environment })),
        ...PERIODS.map((w) => ({ label: `${w} weeks`, href: view(environment, w), current: w === weeks })),
      ],
      api: [
        { label: "JSON", href: api },
        { label: "CSV", href: `${api}&format=csv` },
      ],
    });
    return { title: `DORA · ${repo}`, html: render("dora-page", page) };
  },
};

/** The overview's DORA tile: the five keys over the last 12 weeks of the production environments, with their trend. */
export const doraOverviewTile: OverviewTile = {
  order: 30,
  async render(context: DashboardContext): Promise<DashboardHtml | undefined> {
    const environments = await listDoraEnvironments(context.db, context.repo.id);
    if (environments.length === 0) return undefined;
    const report = await loadReport(context, null, DEFAULT_WEEKS);
    const href = `${context.publicUrl}/${encodeURIComponent(context.repo.owner)}/${encodeURIComponent(context.repo.name)}/dora`;
    return {
      title: "DORA: the last 12 weeks",
      html: render("dora-tile", { href, environments: report.environments.join(", ") || "no production deploy yet", keys: doraKeyTiles(report) }),
    };
  },
};

async function loadReport(context: DashboardContext, environment: string | null, weeks: number) {
  const settings = await getDoraSettings(context.db, context.repo.id);
  const config = { ...DoraConfig.parse({}), ...settings };
  const to = context.now;
  const from = new Date(weekStart(to).getTime() - (weeks - 1) * 7 * DAY);
  return loadDoraReportCached(context.db, context.repo.id, config, { environment, from, to });
}

/** `?weeks=` from 4 to 260 (five years, the API's limit); anything else is the default. */
function readWeeks(value: string | null): number {
  const weeks = Number(value);
  return Number.isInteger(weeks) && weeks >= 4 && weeks <= 260 ? weeks : DEFAULT_WEEKS;
}
