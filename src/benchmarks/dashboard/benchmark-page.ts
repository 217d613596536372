import type { DashboardChart, DashboardPage } from "../../web/dashboard-page.js";
import { htmlTemplateRenderer } from "../../markdown/render-html-template.js";
import { findBenchmarkBranch, listBenchmarkPoints } from "../store/dashboard-queries.js";
import type { BenchmarkPages } from "./benchmark-pages.js";

const render = htmlTemplateRenderer<BenchmarkPages>("benchmarks");

/**
 * `/{owner}/{repo}/benchmarks/{benchmark}`: one chart per measure with the default branch's history as a line and
 * every other branch's measurement (pull requests' runs) as a point linking its commit; the same data as a table.
 */
export const benchmarkPage: DashboardPage = {
  path: "/benchmarks/:benchmark",
  async render({ db, repo, params, githubUrl = "https://github.com" }) {
    const benchmark = params["benchmark"] ?? "";
    const [branch, points] = await Promise.all([findBenchmarkBranch(db, repo.id, repo.defaultBranch), listBenchmarkPoints(db, repo.id, benchmark)]);
    if (points.length === 0 || !branch) return undefined;
    const repoUrl = `${githubUrl}/${repo.owner}/${repo.name}`;
    const measures = [...new Set(points.map((p) => p.measure))];
    const charts = measures.map((measure, i) => {
      const ofMeasure = points.filter((p) => p.measure === measure);
      const onDefault = ofMeasure.filter((p) => p.branch === branch);
      const chart: DashboardChart = {
        title: `${benchmark} · ${measure}`,
        unit: ofMeasure[0]!.unit,
        x: onDefault.map((p) => p.createdAt.getTime() / 1000),
        series: [{ label: branch, values: onDefault.map((p) => p.value) }],
        markers: ofMeasure
          .filter((p) => p.branch !== branch)
          .map((p) => ({
            x: p.createdAt.getTime() / 1000,
            y: p.value,
            kind: "pull-request" as const,
            label: `${p.branch} @ ${p.sha.slice(0, 7)}`,
            href: `${repoUrl}/commit/${p.sha}`,
          })),
      };
      return { id: `kz-benchmark-chart-${i}`, measure, unit: ofMeasure[0]!.unit, chart };
    });
    const rows = [...points].reverse().map((p) => ({
      measure: p.measure,
      unit: p.unit,
      branch: p.branch,
      onDefault: p.branch === branch,
      sha: p.sha,
      url: `${repoUrl}/commit/${p.sha}`,
      at: p.createdAt,
      value: p.value,
    }));
    return { title: benchmark, html: render("benchmark-page", { benchmark, branch, charts, rows }) };
  },
};
