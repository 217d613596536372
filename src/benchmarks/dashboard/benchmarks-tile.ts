import type { OverviewTile } from "../../web/dashboard-page.js";
import { htmlTemplateRenderer } from "../../markdown/render-html-template.js";
import { findBenchmarkBranch, listLatestTwoCommits, listOpenBenchmarkIssues, type BenchmarkPointRow } from "../store/dashboard-queries.js";
import type { BenchmarkPages } from "./benchmark-pages.js";

const render = htmlTemplateRenderer<BenchmarkPages>("benchmarks");

/**
 * The overview's benchmarks section: the latest comparison on the default branch — each benchmark measure of the
 * latest measured commit against the commit measured before it, better or worse by the measure's direction — and
 * the open benchmark issues.
 */
export const benchmarksTile: OverviewTile = {
  order: 40,
  async render({ db, repo, githubUrl = "https://github.com" }) {
    const branch = await findBenchmarkBranch(db, repo.id, repo.defaultBranch);
    if (!branch) return undefined;
    const [points, issues] = await Promise.all([listLatestTwoCommits(db, repo.id, branch), listOpenBenchmarkIssues(db, repo.id)]);
    if (points.length === 0) return undefined;
    const repoUrl = `${githubUrl}/${repo.owner}/${repo.name}`;
    const latestSha = points[0]!.sha;
    const latest = points.filter((p) => p.sha === latestSha);
    const previous = points.filter((p) => p.sha !== latestSha);
    const key = (p: BenchmarkPointRow) => `${p.benchmark}\u0000${p.measure}`;
    const before = new Map(previous.map((p) => [key(p), p.value]));
    const html = render("benchmarks-tile", {
      branch,
      latest: { sha: latestSha, url: `${repoUrl}/commit/${latestSha}`, at: latest[0]!.createdAt },
      previous: previous[0] ? { sha: previous[0].sha, url: `${repoUrl}/commit/${previous[0].sha}` } : null,
      rows: latest.map((p) => {
        const was = before.get(key(p)) ?? null;
        const changePct = was === null || was === 0 ? null : ((p.value - was) / Math.abs(was)) * 100;
        return {
          benchmark: p.benchmark,
          measure: p.measure,
          unit: p.unit,
          page: `/${repo.owner}/${repo.name}/benchmarks/${encodeURIComponent(p.benchmark)}`,
          before: was,
          after: p.value,
          changePct,
          direction: direction(was, p.value, p.better),
        };
      }),
      issues: issues.map((issue) => ({ ...issue, url: `${repoUrl}/issues/${issue.issueNumber}` })),
    });
    return { title: "Benchmarks", html };
  },
};

function direction(before: number | null, after: number, better: "lower" | "higher" | null): BenchmarkPages["benchmarks-tile"]["rows"][number]["direction"] {
  if (before === null) return "new";
  if (after === before || better === null) return "same";
  return (after < before) === (better === "lower") ? "better" : "worse";
}
