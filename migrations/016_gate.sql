-- Kaizen as a custom deployment protection rule: one row per protection request GitHub sends (a redelivery of the
-- same event lands on the same row, so it is answered once). `decision` is set once (compare-and-set on null),
-- `answered_at` once GitHub has accepted the answer.
create table gate_requests (
  id bigserial primary key,
  repo_id bigint not null,
  owner text not null,
  repo text not null,
  installation_id bigint not null,
  github_deployment_id bigint not null,
  environment text not null,
  sha text not null,
  callback_url text not null,
  -- The repository's web address (github.com or the GHE host), for links to the evidence.
  repo_url text not null,
  received_at timestamptz not null,
  decision text check (decision in ('approved', 'rejected')),
  reason text,
  comment text,
  decided_at timestamptz,
  answered_at timestamptz,
  created_at timestamptz not null default now(),
  unique (repo_id, github_deployment_id, environment),
  check ((decision is null) = (decided_at is null))
);
