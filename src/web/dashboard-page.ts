import type { Queryable } from "../db/queryable.js";

/**
 * The contract between the dashboard's shell (src/web/: login, access, layout, routing, static assets) and the
 * features that draw pages on it. Each feature owns its pages and overview tiles (its data, its SQL, its
 * templates under templates/<feature>/); the entry point hands them to the shell, so features never import each
 * other and the shell never imports a feature.
 *
 * Charts: a page never ships script of its own (the Content-Security-Policy forbids inline script). It writes
 * `<div class="kz-chart" data-chart="ID"></div>` and a data block `<script type="application/json" id="ID">`
 * holding a {@link DashboardChart}; the shell's static script draws every such block with uPlot, and the page
 * still shows the same data as an HTML table under the chart.
 */

/** The repository a page is drawn for, after the shell has checked that the signed-in user can read it. */
export interface DashboardRepo {
  /** GitHub's repository id: the key of every Kaizen table (survives renames and transfers). */
  id: number;
  owner: string;
  name: string;
  /** The default branch as GitHub showed it to the signed-in user (absent when GitHub did not say). */
  defaultBranch?: string;
}

export interface DashboardContext {
  db: Queryable;
  repo: DashboardRepo;
  /** Path parameters named in {@link DashboardPage.path}, already URI-decoded. */
  params: Record<string, string>;
  query: URLSearchParams;
  /** KAIZEN_PUBLIC_URL without a trailing slash, or "" when unset: for absolute links. */
  publicUrl: string;
  now: Date;
  /** GitHub's web address (https://github.com, or the GitHub Enterprise host): for links to PRs, issues, check runs. */
  githubUrl?: string;
}

/** A page under `/{owner}/{repo}`. */
export interface DashboardPage {
  /** The path after `/{owner}/{repo}`, with `:name` parameters: `/dora`, `/metrics/:environment/:metric`. */
  path: string;
  /** The page's HTML body (escaped by its template), or undefined for 404 (nothing known under that name). */
  render(context: DashboardContext): Promise<DashboardHtml | undefined>;
}

/** One section of the repository overview (`/{owner}/{repo}`), ordered by `order`. */
export interface OverviewTile {
  order: number;
  /** The tile's HTML, or undefined when the feature has nothing to show for this repository. */
  render(context: DashboardContext): Promise<DashboardHtml | undefined>;
}

export interface DashboardHtml {
  title: string;
  /** HTML rendered from a handlebars template (escaping user text); inserted into the layout as is. */
  html: string;
}

/** The data block of one chart: time on x (unix seconds), one or more series, optional markers and bands. */
export interface DashboardChart {
  title: string;
  /** Unit shown on the y axis ("ms", "%", "deploys/day"). */
  unit: string;
  x: number[];
  series: { label: string; values: (number | null)[] }[];
  /** Points drawn over the series (a deploy, a pull request), coloured by `kind`, linking where `href` says. */
  markers?: { x: number; y: number; kind: "regression" | "improvement" | "no-change" | "inconclusive" | "pull-request" | "event"; label: string; href?: string }[];
  /** Shaded spans (a confidence band, a drift span). */
  /** A band without low/high spans the plot's height; kind "drift" is shaded apart from the others. */
  bands?: { from: number; to: number; low?: number; high?: number; label: string; kind?: "drift" }[];
}
