import type { AppDeps } from "../app-deps.js";
import type { RadarConfig } from "../config/schema/kaizen-config.js";
import { loadRepoConfig } from "../config/load-repo-config.js";
import { saveRadarLayout } from "./store/radar-layouts.js";
import { getRadarItem, listRadarItems, upsertRadarItem } from "./store/radar-items.js";
import { type NewRadarItem, type RadarItem } from "./model/radar-item.js";
import { recordRadarMovement } from "./store/radar-movements.js";
import { type NewRadarMovement } from "./model/radar-item.js";
import { replaceRadarTrendLinks } from "./store/radar-trend-links.js";
import { withAdvisoryLock } from "../db/with-advisory-lock.js";
import { withTransaction } from "../db/with-transaction.js";
import type { RadarJobs } from "./jobs.js";
import { importedIssueEvent, type ListedIssue } from "./imported-issue-event.js";
import { nextRadarItem } from "./model/next-radar-item.js";
import { nextTrendItem } from "./model/next-trend-item.js";
import type { GitHubClient } from "../github/github-client.js";

export type ImportRadarJob = RadarJobs["import-radar"];
/** The command line runs the import without a queue or workers. */
export type ImportDeps = Pick<AppDeps, "pool" | "sources" | "now">;

/** What an import did: issues read, and items created or changed (a re-run of an unchanged radar changes none). */
export interface ImportSummary {
  radar: boolean;
  issues: number;
  changed: number;
}

/**
 * Imports a repository's existing radar and trend issues (after installation, or `kaizen radar sync`), announcing
 * nothing: no comments, no label changes — problems are explained by the next event on the issue.
 *
 * 1. config — the repository's kaizen.yml; no `radar:` section (or a file with problems) → nothing.
 * 2. issues — every open and closed issue with the radar label, then with the trend label (an issue with both is
 *    a radar item, as for events), page by page.
 * 3. items  — each judged like an edit of its issue (nextRadarItem, nextTrendItem) against the stored item, under
 *    the issue's lock; what changed is stored with movements of source `import` (no actor), keyed by the issue's
 *    `updated_at`; an item already as its issue says is left alone, so a re-run changes nothing.
 * 4. gone   — stored items whose issue carries neither label any more (or left the repository) become gone.
 */
export async function importRadar(octokit: GitHubClient, deps: ImportDeps, job: ImportRadarJob): Promise<ImportSummary> {
  const { owner, repo, repoId } = job;
  const loaded = await loadRepoConfig(octokit, { owner, repo }, deps.sources.names());
  const config = loaded.status === "ok" ? loaded.config.radar : undefined;
  if (!config) return { radar: false, issues: 0, changed: 0 };
  await saveRadarLayout(deps.pool, repoId, config);

  const list = (label: string) => octokit.paginate(octokit.rest.issues.listForRepo, { owner, repo, state: "all", labels: label, per_page: 100 });
  const radarIssues = (await list(config.label)).filter((issue) => !issue.pull_request);
  const radarNumbers = new Set(radarIssues.map((issue) => issue.number));
  const trendIssues = (await list(config.trend_label)).filter((issue) => !issue.pull_request && !radarNumbers.has(issue.number));

  let changed = 0;
  for (const issue of [...radarIssues, ...trendIssues]) {
    const kind = radarNumbers.has(issue.number) ? "radar" : "trend";
    if (await importIssue(deps, config, job, issue, kind)) changed += 1;
  }
  const listed = new Set([...radarIssues, ...trendIssues].map((issue) => issue.number));
  for (const kind of ["radar", "trend"] as const) {
    for (const item of await listRadarItems(deps.pool, repoId, kind)) {
      if (listed.has(item.issueNumber) || item.status === "gone") continue;
      const changes = [{ field: "status" as const, from: item.status, to: "gone" }];
      const key = `import:${repoId}:${item.issueNumber}:gone:${item.updatedAt.toISOString()}`;
      await store(deps, { item: { ...item, status: "gone" }, changes, key, movedAt: deps.now(), mentions: null });
      changed += 1;
    }
  }
  return { radar: true, issues: listed.size, changed };
}

/** Step 3 for one issue; whether the stored item changed. */
async function importIssue(
  deps: ImportDeps,
  config: RadarConfig,
  job: ImportRadarJob,
  issue: ListedIssue,
  kind: "radar" | "trend",
): Promise<boolean> {
  const key = `import:${job.repoId}:${issue.number}:${issue.updated_at}`;
  const event = importedIssueEvent(job, issue, key);
  return withAdvisoryLock(deps.pool, `radar:${job.repoId}:${issue.number}`, async () => {
    const stored = await getRadarItem(deps.pool, job.repoId, issue.number);
    // A first placement dates from the issue's creation; a change found later, from its last update.
    const movedAt = new Date(stored ? issue.updated_at : issue.created_at);
    if (kind === "radar") {
      const update = nextRadarItem(config, event, stored);
      if (!update || (stored && isSameItem(stored, update.item))) return false;
      await store(deps, { item: update.item, changes: update.changes, key, movedAt, mentions: null });
    } else {
      const update = nextTrendItem(config, event, stored);
      if (!update || (stored && isSameItem(stored, update.item))) return false;
      const changes = update.statusChange ? [{ field: "status" as const, ...update.statusChange }] : [];
      await store(deps, { item: update.item, changes, key, movedAt, mentions: update.mentions });
    }
    return true;
  });
}

interface ImportedChange {
  item: NewRadarItem;
  changes: Array<Pick<NewRadarMovement, "field" | "from" | "to">>;
  /** Unique per issue state: with the field, each movement's idempotency key. */
  key: string;
  movedAt: Date;
  /** A trend's mentions, which replace its links; null for a radar item. */
  mentions: number[] | null;
}

async function store(deps: ImportDeps, { item, changes, key, movedAt, mentions }: ImportedChange): Promise<void> {
  await withTransaction(deps.pool, async (db) => {
    const saved = await upsertRadarItem(db, item);
    for (const change of changes) {
      const movement = { ...change, itemId: saved.id, actor: null, reason: null, source: "import" as const, link: saved.url };
      await recordRadarMovement(db, { ...movement, movedAt, idempotencyKey: `${key}:${change.field}` });
    }
    if (mentions) await replaceRadarTrendLinks(db, saved.id, saved.repoId, mentions);
  });
}

/** Whether the stored item holds what the issue gives it already (nothing to store); when it was synced aside. */
function isSameItem(stored: RadarItem, next: NewRadarItem): boolean {
  const fields = (Object.keys(next) as Array<keyof NewRadarItem>).filter((field) => field !== "syncedAt");
  return fields.every((field) => stored[field] === next[field]);
}
