import type { OverviewTile } from "../../web/dashboard-page.js";
import { htmlTemplateRenderer } from "../../markdown/render-html-template.js";
import { loadQuality, type QualityReport } from "../load-quality.js";

const SINCE_DAYS = 90;

type Shares = { precisionShare: string; recallShare: string };

interface FeedbackPages {
  "quality-tile": {
    metrics: (QualityReport["metrics"][number] & Shares)[];
    totals: QualityReport["totals"] & Shares;
    mutes: QualityReport["mutes"];
    adjustments: QualityReport["adjustments"];
    sinceDays: number;
    apiUrl: string;
  };
}

const share = (x: number | null) => (x === null ? "—" : `${Math.round(x * 100)} %`);
const withShares = <T extends { precision: number | null; recall: number | null }>(counts: T): T & Shares => ({
  ...counts,
  precisionShare: share(counts.precision),
  recallShare: share(counts.recall),
});

const render = htmlTemplateRenderer<FeedbackPages>("feedback");

/**
 * The overview's verdict quality (issue 16's loop, seen): per metric and threshold over the last 90 days, the
 * alerts raised, those marked false alarms, the regressions marked missed, precision and recall — the numbers
 * `GET /api/quality` and `kaizen quality` give — with the mutes and auto-tuned thresholds in force.
 */
export const qualityTile: OverviewTile = {
  order: 45,
  async render({ db, repo, now }) {
    const report = await loadQuality(db, repo.id, { since: new Date(now.getTime() - SINCE_DAYS * 86_400_000), now });
    if (report.metrics.length === 0 && report.mutes.length === 0 && report.adjustments.length === 0) return undefined;
    const apiUrl = `/api/quality/${encodeURIComponent(repo.owner)}/${encodeURIComponent(repo.name)}?since=${SINCE_DAYS}d`;
    return { title: "Verdict quality", html: render("quality-tile", {
        metrics: report.metrics.map(withShares),
        totals: withShares(report.totals),
        mutes: report.mutes,
        adjustments: report.adjustments,
        sinceDays: SINCE_DAYS,
        apiUrl,
      }) };
  },
};
