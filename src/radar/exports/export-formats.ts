import { radarExportBackstage } from "./radar-export-backstage.js";
import { radarExportByorCsv } from "./radar-export-byor-csv.js";
import { radarExportJson } from "./radar-export-json.js";
import { radarExportZalando } from "./radar-export-zalando.js";
import type { RadarSnapshot } from "../model/radar-snapshot.js";
import { trendExportCsv } from "./trend-export-csv.js";
import { trendExportJson } from "./trend-export-json.js";

/** One way to write a radar snapshot out: its media type and the text. */
export interface ExportFormat {
  contentType: string;
  render(snapshot: RadarSnapshot): string;
}

const JSON_TYPE = "application/json; charset=utf-8";
const CSV_TYPE = "text/csv; charset=utf-8";
const json = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;

/** The formats of `GET /api/radar/{owner}/{repo}?format=…`; the first is the default. */
export const RADAR_EXPORT_FORMATS: Readonly<Record<string, ExportFormat>> = {
  json: { contentType: JSON_TYPE, render: (s) => json(radarExportJson(s)) },
  "byor-csv": { contentType: CSV_TYPE, render: radarExportByorCsv },
  zalando: { contentType: JSON_TYPE, render: (s) => json(radarExportZalando(s)) },
  backstage: { contentType: JSON_TYPE, render: (s) => json(radarExportBackstage(s)) },
};

/** The formats of `GET /api/trends/{owner}/{repo}?format=…`; the first is the default. */
export const TREND_EXPORT_FORMATS: Readonly<Record<string, ExportFormat>> = {
  json: { contentType: JSON_TYPE, render: (s) => json(trendExportJson(s)) },
  csv: { contentType: CSV_TYPE, render: trendExportCsv },
};
