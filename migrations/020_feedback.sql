-- Feedback on verdicts (issue 16): people mark a verdict a false alarm or a missed regression, mute a metric for a
-- while, and Kaizen learns from the marks. Every row says who, when and why; nothing is deleted: an undone mark, a
-- lifted mute and a retired adjustment keep their history.

-- One mark on one verdict. `issue_number` is where it was made (an improvement issue or a pull request). A mark on a
-- Kaizen-opened issue names that issue's row and copies its kind (deployment, benchmark, or a later kind such as
-- drift) and fingerprint; a mark on a pull request names the evaluation whose verdict it judges.
create table feedback_marks (
  id bigserial primary key,
  repo_id bigint not null,
  owner text not null,
  repo text not null,
  kind text not null check (kind in ('false-alarm', 'missed')),
  issue_number integer not null,
  improvement_issue_id bigint references improvement_issues (id) on delete set null,
  issue_kind text,
  fingerprint text,
  environment text,
  metric_name text not null,
  evaluation_id bigint references evaluations (id) on delete set null,
  benchmark_run_id bigint references benchmark_runs (id) on delete set null,
  -- the detector setting the verdict was made with (the threshold as stored with it), for quality per setting
  threshold jsonb,
  reason text not null,
  actor text not null,
  source text not null check (source in ('command', 'label')),
  link text,
  -- `comment:<id>` or `label:<delivery>`: a redelivery or retried job finds its mark instead of adding one
  idempotency_key text not null unique,
  created_at timestamptz not null,
  undone_at timestamptz,
  undone_by text,
  check ((undone_at is null) = (undone_by is null))
);
create index feedback_marks_active on feedback_marks (repo_id, metric_name) where undone_at is null;
create index feedback_marks_issue on feedback_marks (repo_id, issue_number) where undone_at is null;
-- One mark in force of each kind per verdict, however many ways it was marked (issue, pull request, label).
create unique index feedback_marks_one_per_verdict on feedback_marks (kind, evaluation_id, metric_name)
  where undone_at is null and evaluation_id is not null;
create unique index feedback_marks_one_per_issue on feedback_marks (kind, improvement_issue_id)
  where undone_at is null and improvement_issue_id is not null;

-- `/kaizen mute <subject> <duration> — <reason>`: alerts for one metric or benchmark stop until `until`.
create table feedback_mutes (
  id bigserial primary key,
  repo_id bigint not null,
  owner text not null,
  repo text not null,
  subject text not null,
  starts_at timestamptz not null,
  until timestamptz not null check (until > starts_at),
  reason text not null,
  actor text not null,
  link text,
  idempotency_key text not null unique,
  lifted_at timestamptz,
  lifted_by text
);
create index feedback_mutes_active on feedback_mutes (repo_id, until) where lifted_at is null;

-- An adjustment Kaizen applied to one metric after its false alarms passed the bound (feedback.auto_tune), shown in
-- every later verdict. At most one is in force per metric; a retired one stays as history.
create table feedback_adjustments (
  id bigserial primary key,
  repo_id bigint not null,
  metric_name text not null,
  kind text not null check (kind in ('noise-floor')),
  threshold_before jsonb not null,
  threshold jsonb not null,
  false_alarms integer not null,
  applied_at timestamptz not null,
  retired_at timestamptz
);
create unique index feedback_adjustments_in_force on feedback_adjustments (repo_id, metric_name) where retired_at is null;

-- Comments and label events already carried out, so a retried job replies once.
create table feedback_deliveries (
  key text primary key,
  handled_at timestamptz not null default now()
);
