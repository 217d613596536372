-- DORA's five keys (issue 13). Raw facts only — every deployment with its status times, the commits each
-- deployment added to its environment, merged pull requests, incident issues — so a figure is computed when it is
-- asked for, with the rules and the production environments of the repository's config at that moment.

-- Every GitHub deployment of a repository, any environment and any outcome (the deployments table of the
-- deployment evaluation keeps successful ones only).
create table dora_deployments (
  repo_id bigint not null,
  owner text not null,
  repo text not null,
  installation_id bigint not null,
  github_deployment_id bigint not null,
  environment text not null,
  sha text not null,
  ref text not null,
  created_at timestamptz not null,
  -- the first `success` status; null while it never succeeded
  succeeded_at timestamptz,
  -- the first `failure`/`error` status after success (a deploy that went live, then broke)
  failed_at timestamptz,
  primary key (repo_id, github_deployment_id)
);
create index dora_deployments_success on dora_deployments (repo_id, environment, succeeded_at);

-- The commits a successful deployment added to its environment: the compare API between the previous successful
-- deployment to the environment and this one. A commit can appear under several deployments (a rollback and its
-- redeploy): its lead time ends at the earliest.
create table dora_deployment_commits (
  repo_id bigint not null,
  github_deployment_id bigint not null,
  sha text not null,
  committed_at timestamptz not null,
  primary key (repo_id, github_deployment_id, sha)
);
-- Which deployments had their commits read (an empty list is an answer too).
create table dora_deployment_compares (
  repo_id bigint not null,
  github_deployment_id bigint not null,
  base_sha text,
  primary key (repo_id, github_deployment_id)
);

-- A merged pull request is one change: its commits are grouped, and its lead time starts at its first commit.
create table dora_pulls (
  repo_id bigint not null,
  pr_number integer not null,
  merge_commit_sha text,
  merged_at timestamptz not null,
  first_commit_at timestamptz not null,
  shas text[] not null,
  primary key (repo_id, pr_number)
);

-- Labelled issues as last seen, recorded without reading the config (which names the incident label): an issue
-- is an incident while `labels` holds the repository's `dora.incident_label`. The shas and deployment ids its
-- title and body link.
create table dora_issues (
  repo_id bigint not null,
  issue_number integer not null,
  title text not null,
  url text not null,
  labels text[] not null,
  created_at timestamptz not null,
  closed_at timestamptz,
  linked_shas text[] not null default '{}',
  linked_deployment_ids bigint[] not null default '{}',
  primary key (repo_id, issue_number)
);

-- The backfill's progress per repository and source (deployments, pulls, incidents, compares): the next page to
-- read, so an interrupted backfill resumes where it stopped; finished_at when every page was read.
create table dora_backfills (
  repo_id bigint not null,
  source text not null check (source in ('deployments', 'pulls', 'issues', 'compares')),
  next_page integer not null default 1,
  finished_at timestamptz,
  primary key (repo_id, source)
);

-- The weekly digest issue, one per repository and ISO week, updated in place.
create table dora_digests (
  repo_id bigint not null,
  week text not null,
  issue_number integer not null,
  primary key (repo_id, week)
);
