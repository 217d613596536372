import type { RadarSnapshot, TrendSnapshotItem } from "../model/radar-snapshot.js";

/** `GET /api/trends/{owner}/{repo}` (format json): the market-trend items and the radar items they link to. */
export interface TrendsJson {
  repo: string;
  trends: Array<
    Omit<TrendSnapshotItem, "createdAt" | "radarItems"> & { radarItems: Array<{ number: number; title: string; ring: string | null }> }
  >;
}

export function trendExportJson(snapshot: RadarSnapshot): TrendsJson {
  const byNumber = new Map(snapshot.items.map((item) => [item.number, item]));
  return {
    repo: `${snapshot.repo.owner}/${snapshot.repo.repo}`,
    trends: snapshot.trends.map((trend) => ({
      number: trend.number,
      title: trend.title,
      description: trend.description,
      url: trend.url,
      trend: trend.trend,
      impact: trend.impact,
      status: trend.status,
      radarItems: trend.radarItems.flatMap((number) => {
        const item = byNumber.get(number);
        return item ? [{ number, title: item.title, ring: item.ring }] : [];
      }),
    })),
  };
}
