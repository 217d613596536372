import { formatCsv } from "../../markdown/format-csv.js";
import type { RadarSnapshot } from "../model/radar-snapshot.js";

/** Trends as CSV, one row per trend item; `radar_items` lists the linked radar issues as `#12 #34`. */
export function trendExportCsv(snapshot: RadarSnapshot): string {
  const rows = snapshot.trends.map((trend) => [
    trend.title,
    trend.trend ?? "",
    trend.impact ?? "",
    trend.status,
    trend.url,
    trend.radarItems.map((n) => `#${n}`).join(" "),
    trend.description,
  ]);
  return formatCsv(["name", "trend", "impact", "status", "url", "radar_items", "description"], rows);
}
