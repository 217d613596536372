import type { DashboardContext, DashboardHtml, DashboardPage, OverviewTile } from "../web/dashboard-page.js";
import { RadarConfig } from "../config/schema/radar-config.js";
import { htmlTemplateRenderer } from "../markdown/render-html-template.js";
import { RADAR_EXPORT_FORMATS, TREND_EXPORT_FORMATS } from "./exports/export-formats.js";
import { buildRadarPage, type RadarPageContext } from "./model/build-radar-page.js";
import { displayName } from "./model/display-name.js";
import type { RadarItem } from "./model/radar-item.js";
import { readRadarSnapshot } from "./read-radar-snapshot.js";
import { listRadarItems } from "./store/radar-items.js";
import { getRadarLayout } from "./store/radar-layouts.js";

interface RadarTileContext {
  href: string;
  active: number;
  pending: number;
  rings: { name: string; label: string; count: number }[];
}

const renderPage = htmlTemplateRenderer<{ "radar-page": RadarPageContext; "radar-tile": RadarTileContext }>("radar");

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

/** The overview's radar tile: how many items sit in each ring, linking the radar; left out without radar items. */
export const radarOverviewTile: OverviewTile = {
  order: 60,
  async render(context: DashboardContext): Promise<DashboardHtml | undefined> {
    const radarItems = await listRadarItems(context.db, context.repo.id, "radar");
    if (radarItems.length === 0) return undefined;
    const layout = withItemNames((await getRadarLayout(context.db, context.repo.id)) ?? defaultLayout(), radarItems);
    const active = radarItems.filter((i) => i.status === "active");
    const href = `${context.publicUrl}/${encodeURIComponent(context.repo.owner)}/${encodeURIComponent(context.repo.name)}/radar`;
    const rings = layout.rings.map((name) => ({ name, label: displayName(name), count: active.filter((i) => i.ring === name).length }));
    const pending = radarItems.filter((i) => i.status === "pending").length;
    return { title: "Tech radar", html: renderPage("radar-tile", { href, active: active.length, pending, rings }) };
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
