/**
 * Where a figure falls among the performance clusters of the DORA report that published fixed ones last: the 2024
 * Accelerate State of DevOps report. The 2025 report dropped fixed bands for team profiles, so a band is shown as a
 * range with its report's year, for orientation — never as a badge.
 */
export const BANDS_REPORT = "DORA 2024 (Accelerate State of DevOps Report 2024)";
export const BANDS_NOTE =
  "Bands are the 2024 DORA report's clusters; the 2025 report dropped fixed performance bands, so read them as orientation, not a grade.";

export interface DoraBand {
  report: typeof BANDS_REPORT;
  /** The cluster of the 2024 report whose range the figure falls in. */
  cluster: "elite" | "high" | "medium" | "low" | "high or medium";
  /** The range as the report words it. */
  range: string;
}

const band = (cluster: DoraBand["cluster"], range: string): DoraBand => ({ report: BANDS_REPORT, cluster, range });

/** Deployment frequency, from deploys per week. */
export function frequencyBand(deploysPerWeek: number | null): DoraBand | null {
  if (deploysPerWeek === null) return null;
  if (deploysPerWeek >= 7) return band("elite", "on demand (several deploys a day)");
  if (deploysPerWeek >= 1) return band("high", "between once per day and once per week");
  if (deploysPerWeek >= 12 / 52) return band("medium", "between once per week and once per month");
  return band("low", "between once per month and once every six months");
}

/** Change lead time, from its median in hours. */
export function leadTimeBand(hours: number | null): DoraBand | null {
  if (hours === null) return null;
  if (hours < 24) return band("elite", "less than one day");
  if (hours < 24 * 7) return band("high", "between one day and one week");
  if (hours < 24 * 30) return band("medium", "between one week and one month");
  return band("low", "between one month and six months");
}

/** Change fail rate: the 2024 clusters' rates are not in order (medium 10% < high 20%), so the nearest one. */
export function failRateBand(rate: number | null): DoraBand | null {
  if (rate === null) return null;
  const clusters = [
    { cluster: "elite", rate: 0.05 },
    { cluster: "medium", rate: 0.1 },
    { cluster: "high", rate: 0.2 },
    { cluster: "low", rate: 0.4 },
  ] as const;
  const nearest = clusters.reduce((best, c) => (Math.abs(c.rate - rate) < Math.abs(best.rate - rate) ? c : best));
  return band(nearest.cluster, `nearest cluster rate ${nearest.rate * 100}%`);
}

/** Failed deployment recovery time, from its median in hours. */
export function recoveryBand(hours: number | null): DoraBand | null {
  if (hours === null) return null;
  if (hours < 1) return band("elite", "less than one hour");
  if (hours < 24) return band("high or medium", "less than one day");
  return band("low", "one day or more (the low cluster's range is between one week and one month)");
}
