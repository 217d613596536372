import type { Queryable } from "../../src/db/queryable.js";

/** A repository as Kaizen's tables key it. */
export interface SeedRepo {
  id: number;
  owner: string;
  name: string;
  installationId: number;
}

export interface SeedMetric {
  name: string;
  unit: string;
  better: "lower" | "higher";
  /** The level before any step change. */
  level: number;
  /** Relative threshold (0.1 = 10 %). */
  threshold: number;
}

/** A deliberate change: from deploy `at` on, `metric` moves by `factor`; that deploy's verdict says so. */
export interface SeedStep {
  metric: string;
  at: number;
  factor: number;
}

export interface SeededHistory {
  /** Deploy times, oldest first (index = deploy number). */
  deployedAt: Date[];
  /** The deployed commit of each deploy. */
  shas: string[];
  /** The pull request merged by each deploy (DORA's dora_pulls): deploy i shipped PR firstPull + i. */
  firstPull: number;
  /** The check run of each deploy's evaluation. */
  checkRunIds: number[];
  /** Improvement issues opened, by metric name. */
  issues: Map<string, number>;
  /** Drift issues opened, in the order of the `drifts` option. */
  drifts: number[];
}

/**
 * A slow creep and its drift issue: the level grows by `factor` in equal small steps (each a no-change verdict) from
 * deploy `start` to deploy `opened`, whose check opens the drift issue; deploy `closed` brings it back (a fix) and
 * its check closes the issue. Without `closed` the level stays and the issue stays open.
 */
export interface SeedDrift {
  metric: string;
  start: number;
  opened: number;
  closed?: number;
  factor: number;
}

const HOUR = 3_600_000;

/** A repeatable pseudo-random number in [0, 1) for (i, j): seeded data is the same on every run. */
function noise(i: number, j: number): number {
  const x = Math.sin(i * 12.9898 + j * 78.233) * 43758.5453;
  return x - Math.floor(x);
}

export const sha = (i: number, salt = 0) => (((i + 1) * 2654435761 + salt * 97) >>> 0).toString(16).padStart(8, "0").repeat(5);

/**
 * A metric history as the deployment pipeline stores it, written set-based so a year of hourly deploys for 20
 * metrics (175 200 metric results) takes seconds: deployments, reported evaluations with their windows and check
 * runs, one metric result per metric and deploy (level with a little noise; `steps` make a regression or an
 * improvement at a chosen deploy, with that verdict; a deploy in 97 is inconclusive), the merged pull request each
 * deploy shipped (dora_pulls), an open improvement issue per regression step, and the `drifts` issues.
 */
export async function seedMetricHistory(
  db: Queryable,
  options: { repo: SeedRepo; environment: string; metrics: SeedMetric[]; deploys: number; end: Date; everyHours?: number; steps?: SeedStep[]; drifts?: SeedDrift[]; firstPull?: number; firstIssue?: number },
): Promise<SeededHistory> {
  const { repo, environment, metrics, deploys, end } = options;
  const every = (options.everyHours ?? 1) * HOUR;
  const steps = options.steps ?? [];
  const firstPull = options.firstPull ?? 1000;
  const idBase = repo.id * 100_000 + (environment === "production" ? 0 : 50_000);
  const deployedAt = Array.from({ length: deploys }, (_, i) => new Date(end.getTime() - (deploys - 1 - i) * every));
  const shas = deployedAt.map((_, i) => sha(i, idBase));
  const checkRunIds = deployedAt.map((_, i) => 7_000_000 + idBase + i);
  const { rows: deployRows } = await db.query<{ id: string }>(
    `insert into deployments (repo_id, owner, repo, installation_id, github_deployment_id, environment, sha, ref, created_at)
     select $1, $2, $3, $4, u.gid, $5, u.sha, 'main', u.at from unnest($6::bigint[], $7::text[], $8::timestamptz[]) with ordinality as u(gid, sha, at, n)
     order by u.n returning id`,
    [repo.id, repo.owner, repo.name, repo.installationId, environment, deployedAt.map((_, i) => idBase + i), shas, deployedAt],
  );
  const { rows: evaluationRows } = await db.query<{ id: string }>(
    `insert into evaluations (deployment_id, github_status_id, status_created_at, state, baseline_start, baseline_end,
       candidate_start, candidate_end, check_run_id)
     select u.d, u.status, u.at, 'reported', u.at - interval '30 minutes', u.at, u.at + interval '5 minutes', u.at + interval '35 minutes', u.run
     from unnest($1::bigint[], $2::bigint[], $3::timestamptz[], $4::bigint[]) with ordinality as u(d, status, at, run, n)
     order by u.n returning id`,
    [deployRows.map((r) => r.id), deployedAt.map((_, i) => 90_000_000_000 + idBase + i), deployedAt, checkRunIds],
  );
  const evaluationIds = evaluationRows.map((r) => r.id);
  const levelsBefore = new Map<SeedDrift, number>();
  for (const [position, metric] of metrics.entries()) {
    const verdicts: string[] = [];
    const baselines: number[] = [];
    const candidates: number[] = [];
    const changes: number[] = [];
    const pValues: number[] = [];
    let level = metric.level;
    const creeps = (options.drifts ?? []).filter((d) => d.metric === metric.name);
    for (let i = 0; i < deploys; i++) {
      const before = level * (1 + (noise(i, position) - 0.5) * 0.02);
      const step = steps.find((s) => s.metric === metric.name && s.at === i);
      if (step) level *= step.factor;
      for (const creep of creeps) {
        if (i === creep.start) levelsBefore.set(creep, level);
        if (i > creep.start && i <= creep.opened) level *= creep.factor ** (1 / (creep.opened - creep.start));
        if (i === creep.closed) level = levelsBefore.get(creep)!;
      }
      const after = level * (1 + (noise(i + 0.5, position) - 0.5) * 0.02);
      const worse = metric.better === "lower" ? (step?.factor ?? 1) > 1 : (step?.factor ?? 1) < 1;
      verdicts.push(step ? (worse ? "regression" : "improvement") : i % 97 === 13 ? "inconclusive" : "no-change");
      baselines.push(before);
      candidates.push(after);
      changes.push(((after - before) / before) * 100);
      pValues.push(step ? 0.0004 : 0.2 + noise(i, position + 7) * 0.7);
    }
    await db.query(
      `insert into metric_results (evaluation_id, metric_name, position, source, query, unit, better, threshold, verdict, reason,
         baseline_median, baseline_n, candidate_median, candidate_n, change_pct, change_abs, p_value, test, explanation)
       select u.e, $1, $2, 'prometheus', $3, $4, $5, $6::jsonb, u.verdict, 'seeded', u.b, 60, u.c, 60, u.pct, u.c - u.b, u.p,
         'mann-whitney', jsonb_build_object('noise', jsonb_build_object('relative', 0.01, 'absolute', $7::float8, 'windows', 6), 'warnings', '[]'::jsonb)
       from unnest($8::bigint[], $9::text[], $10::float8[], $11::float8[], $12::float8[], $13::float8[]) as u(e, verdict, b, c, pct, p)`,
      [metric.name, position, `${metric.name}{env="${environment}"}`, metric.unit, metric.better,
        JSON.stringify({ kind: "relative", value: metric.threshold }), metric.level * 0.01,
        evaluationIds, verdicts, baselines, candidates, changes, pValues],
    );
  }
  await db.query(
    `insert into dora_pulls (repo_id, pr_number, merge_commit_sha, merged_at, first_commit_at, shas)
     select $1, u.n, u.sha, u.at - interval '10 minutes', u.at - interval '2 hours', array[u.sha]
     from unnest($2::int[], $3::text[], $4::timestamptz[]) as u(n, sha, at) on conflict do nothing`,
    [repo.id, deployedAt.map((_, i) => firstPull + i), shas, deployedAt],
  );
  const issues = new Map<string, number>();
  let issueNumber = options.firstIssue ?? 500;
  for (const step of steps) {
    const metric = metrics.find((m) => m.name === step.metric);
    const worse = metric && (metric.better === "lower" ? step.factor > 1 : step.factor < 1);
    if (!metric || !worse) continue;
    await db.query(
      `insert into improvement_issues (repo_id, owner, repo, environment, metric_name, fingerprint, issue_number, level_before,
         better, threshold, opened_by_evaluation_id, created_at)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10::jsonb, $11, $12)`,
      [repo.id, repo.owner, repo.name, environment, metric.name, `${repo.id}/${environment}/${metric.name}`, issueNumber,
        metric.level, metric.better, JSON.stringify({ kind: "relative", value: metric.threshold }), evaluationIds[step.at], deployedAt[step.at]],
    );
    issues.set(metric.name, issueNumber++);
  }
  const drifts: number[] = [];
  for (const drift of options.drifts ?? []) {
    const metric = metrics.find((m) => m.name === drift.metric)!;
    const closed = drift.closed ?? null;
    await db.query(
      `insert into improvement_issues (kind, repo_id, owner, repo, environment, metric_name, fingerprint, issue_number, state, level_before,
         better, threshold, opened_by_evaluation_id, closed_by_evaluation_id, created_at, closed_at)
       values ('drift', $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11::jsonb, $12, $13, $14, $15)`,
      [repo.id, repo.owner, repo.name, environment, metric.name, `drift/${repo.id}/${environment}/${metric.name}`, issueNumber,
        closed === null ? "open" : "closed", levelsBefore.get(drift) ?? metric.level, metric.better, JSON.stringify({ kind: "relative", value: metric.threshold }),
        evaluationIds[drift.opened], closed === null ? null : evaluationIds[closed], deployedAt[drift.opened], closed === null ? null : deployedAt[closed]],
    );
    drifts.push(issueNumber++);
  }
  return { deployedAt, shas, firstPull, checkRunIds, issues, drifts };
}

/**
 * Benchmark history: `commits` daily runs on the default branch (a push run each) and a pull-request run on a
 * feature branch every fifth day, for each benchmark with one measure (ns/op, lower is better); the last commit on
 * the default branch is `lastFactor` times the one before.
 */
export async function seedBenchmarkHistory(
  db: Queryable,
  options: { repo: SeedRepo; branch: string; benchmarks: string[]; commits: number; end: Date; lastFactor?: number },
): Promise<{ shas: string[] }> {
  const { repo, branch, benchmarks, commits, end } = options;
  const shas: string[] = [];
  for (let i = 0; i < commits; i++) {
    const at = new Date(end.getTime() - (commits - 1 - i) * 24 * HOUR);
    const pr = i % 5 === 2;
    const runs = pr ? [{ event: "push", branch }, { event: "pull_request", branch: `feature-${i}` }] : [{ event: "push", branch }];
    for (const [k, run] of runs.entries()) {
      const commit = sha(i * 3 + k, repo.id + 11);
      if (run.event === "push") shas.push(commit);
      const { rows } = await db.query<{ id: string }>(
        `insert into benchmark_runs (repo_id, owner, repo, installation_id, github_run_id, workflow_name, event, head_branch, head_sha, state, created_at)
         values ($1, $2, $3, $4, $5, 'bench', $6, $7, $8, 'reported', $9) returning id`,
        [repo.id, repo.owner, repo.name, repo.installationId, repo.id * 10_000 + i * 3 + k, run.event, run.branch, commit, at],
      );
      const factor = run.event === "push" && i === commits - 1 ? (options.lastFactor ?? 1) : 1;
      await db.query(
        `insert into benchmark_results (repo_id, branch, sha, benchmark, measure, run_id, unit, better, value, file, format, created_at)
         select $1, $2, $3, b, 'time', $4, 'ns/op', 'lower', $5 * (1 + ord * 0.5), 'bench.txt', 'go', $6
         from unnest($7::text[]) with ordinality as u(b, ord)`,
        [repo.id, run.branch, commit, rows[0]!.id, (100 + noise(i, k) * 4) * factor * (run.event === "push" ? 1 : 0.97), at, benchmarks],
      );
    }
  }
  return { shas };
}

/** Experiments in each state the overview distinguishes: waiting, waiting with its pull request, invalid, decided. */
export async function seedExperiments(db: Queryable, options: { repo: SeedRepo; titles?: string[] }): Promise<void> {
  const { repo } = options;
  const titles = options.titles ?? ["Cache the catalogue", "Smaller images", "Bad block", "Done already"];
  const rows: [number, string, string, string | null, string | null, string | null, string | null, number | null][] = [
    [31, titles[0]!, "waiting", "latency", "production", "-10%", null, null],
    [32, titles[1]!, "waiting", "errors", "production", "lower", null, 77],
    [33, titles[2]!, "invalid", null, null, null, "The block names metric `latncy`, which kaizen.yml does not define; did you mean `latency`?", null],
    [34, titles[3]!, "confirmed", "latency", "production", "-5%", null, 70],
  ];
  for (const [issue, title, state, metric, environment, expectation, problem, pr] of rows) {
    await db.query(
      `insert into experiments (repo_id, owner, repo, installation_id, issue_number, title, state, metric_name, environment,
         expectation, problem, pr_number, decided_at)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10::jsonb, $11, $12, case when $7 = 'confirmed' then now() end)`,
      [repo.id, repo.owner, repo.name, repo.installationId, issue, title, state, metric, environment,
        expectation === null ? null : JSON.stringify({ direction: "lower", pct: null, text: expectation }), problem, pr],
    );
  }
}
