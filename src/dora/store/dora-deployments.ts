import { groupCommit } from "../../db/group-commit.js";
import { bigintAsNumber } from "../../db/bigint-as-number.js";
import { queryRow, queryRows } from "../../db/query-rows.js";
import type { Queryable } from "../../db/queryable.js";
import type { DoraDeployment } from "../model/dora-facts.js";

/** Which repository a deployment belongs to, and through which installation Kaizen reaches it. */
export interface DoraRepo {
  repoId: number;
  owner: string;
  repo: string;
  installationId: number;
}

export interface DoraDeploymentStatus extends DoraRepo {
  githubDeploymentId: number;
  environment: string;
  sha: string;
  ref: string;
  createdAt: Date;
  /** The status's state (`success`, `failure`, `error`, `pending`, …) and time. */
  state: string;
  at: Date;
}

const DEPLOYMENT = `github_deployment_id as "id", environment, sha, created_at as "createdAt", succeeded_at as "succeededAt", failed_at as "failedAt"`;

/**
 * Records a deployment with one of its statuses. The first success is its time; a failure or error after it marks
 * it failed. Earliest times win, so a redelivered or backfilled status changes nothing. Returns whether the row
 * changed (and whether it is now a success that needs its commits read). Statuses arriving together share one
 * statement (group commit); two of one deployment never share one, as the upsert may touch its row once.
 */
export function recordDoraDeploymentStatus(db: Queryable, s: DoraDeploymentStatus): Promise<{ changed: boolean; succeeded: boolean }> {
  return record(db, s);
}

const record = groupCommit<Queryable, DoraDeploymentStatus, { changed: boolean; succeeded: boolean }>(
  async (db, items) => {
    const column = <T>(pick: (s: DoraDeploymentStatus) => T) => items.map(pick);
    // The update reads each row's own status from `input` (ON CONFLICT's `excluded` holds only table columns).
    // Named: each connection parses and plans it once (the webhook path runs it on every delivery).
    const { rows } = await db.query<{ changed: boolean; succeeded: boolean }>({
      name: "record-dora-deployment-statuses",
      text: `with input as (
               select * from unnest($1::bigint[], $2::text[], $3::text[], $4::bigint[], $5::bigint[], $6::text[], $7::text[],
                                    $8::text[], $9::timestamptz[], $10::text[], $11::timestamptz[])
                 with ordinality as i (repo_id, owner, repo, installation_id, github_deployment_id, environment, sha, ref,
                                       created_at, state, at, ord)
             ),
             old as (select repo_id, github_deployment_id, succeeded_at, failed_at
                     from dora_deployments join input using (repo_id, github_deployment_id)),
             upserted as (
               insert into dora_deployments as d (repo_id, owner, repo, installation_id, github_deployment_id, environment, sha, ref, created_at, succeeded_at)
               select repo_id, owner, repo, installation_id, github_deployment_id, environment, sha, ref, created_at,
                      case when state = 'success' then at end
               from input
               on conflict (repo_id, github_deployment_id) do update set
                 owner = excluded.owner, repo = excluded.repo, installation_id = excluded.installation_id,
                 succeeded_at = (select case when i.state = 'success' then least(coalesce(d.succeeded_at, i.at), i.at) else d.succeeded_at end
                                 from input i where i.repo_id = d.repo_id and i.github_deployment_id = d.github_deployment_id),
                 failed_at = (select case when i.state in ('failure', 'error') and d.succeeded_at is not null and i.at > d.succeeded_at
                                          then least(coalesce(d.failed_at, i.at), i.at) else d.failed_at end
                              from input i where i.repo_id = d.repo_id and i.github_deployment_id = d.github_deployment_id)
               returning repo_id, github_deployment_id, succeeded_at, failed_at)
             select (old.repo_id is null
                     or old.succeeded_at is distinct from upserted.succeeded_at
                     or old.failed_at is distinct from upserted.failed_at) as changed,
                    upserted.succeeded_at is not null as succeeded
             from input
             join upserted using (repo_id, github_deployment_id)
             left join old using (repo_id, github_deployment_id)
             order by input.ord`,
      values: [
        column((s) => s.repoId), column((s) => s.owner), column((s) => s.repo), column((s) => s.installationId),
        column((s) => s.githubDeploymentId), column((s) => s.environment), column((s) => s.sha), column((s) => s.ref),
        column((s) => s.createdAt), column((s) => s.state), column((s) => s.at),
      ],
    });
    return rows;
  },
  { keyOf: (s) => `${s.repoId}:${s.githubDeploymentId}` },
);

/** Every deployment of the repository, any environment. */
export async function listDoraDeployments(db: Queryable, repoId: number): Promise<DoraDeployment[]> {
  return queryRows<DoraDeployment>(
    db,
    `select ${DEPLOYMENT} from dora_deployments where repo_id = $1 order by github_deployment_id`,
    [repoId],
  );
}

/**
 * The successful deployment to the same environment that went live last before this one (its compare base),
 * and this one's sha; null `previous` for the first. A deployment of a sha GitHub does not have is no base: the
 * one before it is, so the deployments after it still get their commits.
 */
export async function getCompareRange(db: Queryable, repoId: number, githubDeploymentId: number): Promise<{ sha: string; previousSha: string | null } | null> {
  const { rows } = await db.query<{ sha: string; previousSha: string | null }>({
    text: `select d.sha, (select p.sha from dora_deployments p
                          where p.repo_id = d.repo_id and p.environment = d.environment and p.succeeded_at is not null
                            and (p.succeeded_at, p.github_deployment_id) < (d.succeeded_at, d.github_deployment_id)
                            and not exists (select 1 from dora_deployment_compares c
                                            where c.repo_id = p.repo_id and c.github_deployment_id = p.github_deployment_id and c.sha_unknown)
                          order by p.succeeded_at desc, p.github_deployment_id desc limit 1) as "previousSha"
           from dora_deployments d where d.repo_id = $1 and d.github_deployment_id = $2 and d.succeeded_at is not null`,
    values: [repoId, githubDeploymentId],
  });
  return rows[0] ?? null;
}

/** Successful deployments whose commits were not read yet, in the order they went live. */
export async function listUncomparedDeployments(db: Queryable, repoId: number): Promise<number[]> {
  const { rows } = await db.query<{ id: number }>({
    text: `select d.github_deployment_id as id from dora_deployments d
           where d.repo_id = $1 and d.succeeded_at is not null
             and not exists (select 1 from dora_deployment_compares c where c.repo_id = d.repo_id and c.github_deployment_id = d.github_deployment_id)
           order by d.succeeded_at, d.github_deployment_id`,
    values: [repoId],
    types: bigintAsNumber,
  });
  return rows.map((row) => row.id);
}

/** The repository as its deployments know it (the installation of the latest one); null without any. */
export async function findDoraRepo(db: Queryable, repoId: number): Promise<DoraRepo | null> {
  return queryRow<DoraRepo>(
    db,
    `select repo_id as "repoId", owner, repo, installation_id as "installationId" from dora_deployments
           where repo_id = $1 order by created_at desc limit 1`,
    [repoId],
  );
}

/** The environments the repository deployed to successfully, by name. */
export async function listDoraEnvironments(db: Queryable, repoId: number): Promise<string[]> {
  const { rows } = await db.query<{ environment: string }>({
    text: "select distinct environment from dora_deployments where repo_id = $1 and succeeded_at is not null order by environment",
    values: [repoId],
  });
  return rows.map((r) => r.environment);
}
