-- A repository's `dora:` settings as its kaizen.yml last gave them, kept whenever the keys are computed from the
-- config (a production deploy, the backfill, the digest, the API), so the dashboard computes the same keys from the
-- database alone: a page view asks GitHub for nothing.
create table dora_settings (
  repo_id bigint primary key,
  production text[] not null,
  incident_label text not null,
  updated_at timestamptz not null default now()
);
