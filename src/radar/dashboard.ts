import type { DashboardContext, DashboardHtml, DashboardPage } from "../web/dashboard-page.js";
import { RadarConfig } from "../config/schema/radar-config.js";
import { htmlTemplateRenderer } from "../markdown/render-html-template.js";
import { RADAR_EXPORT_FORMATS, TREND_EXPORT_FORMATS } from "./exports/export-formats.js";
import { buildRadarPage, type RadarPageContext } from "./model/build-radar-page.js";
import type { RadarItem } from "./model/radar-item.js";
import { readRadarSnapshot } from "./read-radar-snapshot.js";
import { listRadarItems } from "./store/radar-items.js";
import { getRadarLayout } from "./store/radar-layouts.js";

const renderPage = htmlTemplateRenderer<{ "radar-page": RadarPageContext }>("radar");

/**
 * `/{owner}/{repo}/radar`: the radar drawn, each item's history with its reasons, trends and experiments, and
 * links to the API's exports of the same data. From the database alone (no GitHub call on a page view): the rings
 * and quadrants are the ones the config last gave (radar_layouts). 404 for a repository without radar items.
 */
export const radarDashboardPage: DashboardPage = {
  path: "/radar",
  async render(context: DashboardContext): Promise<DashboardHtml | undefined> {
    const radarItems = await listRadarItems(context.db, context.repo.id, "radar");
    if (radarItems.length === 0) return undefined;
    const layout = withItemNames((await getRadarLayout(context.db, context.repo.id)) ?? defaultLayout(), radarItems);
    const snapshot = await readRadarSnapshot(context.db, radarItems, layout);
    // The page names the repository as the shell checked it, which is the name the user asked for.
    snapshot.repo = { owner: context.repo.owner, repo: context.repo.name };
    const page = buildRadarPage(snapshot, {
      apiBase: context.publicUrl,
      radarFormats: Object.keys(RADAR_EXPORT_FORMATS),
      trendFormats: Object.keys(TREND_EXPORT_FORMATS),
    });
    return { title: `Tech radar · ${page.repo}`, html: renderPage("radar-page", page) };
  },
};

/** The schema's default rings and quadrants, for a radar whose config was not read since the layout was kept. */
function defaultLayout(): { rings: string[]; quadrants: string[] } {
  const { rings, quadrants } = RadarConfig.parse({});
  return { rings, quadrants };
}

/** A ring or quadrant an item carries but the layout lacks (the config changed since) is drawn after the others. */
function withItemNames(layout: { rings: string[]; quadrants: string[] }, items: RadarItem[]): { rings: string[]; quadrants: string[] } {
  const add = (names: string[], extra: Array<string | null>) => [...names, ...new Set(extra.filter((n): n is string => n !== null && !names.includes(n)))];
  const active = items.filter((i) => i.status === "active");
  return { rings: add(layout.rings, active.map((i) => i.ring)), quadrants: add(layout.quadrants, active.map((i) => i.quadrant)) };
}
