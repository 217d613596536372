-- Improvement issues wait until a later window confirms the regression (issues.confirm). Each regressed metric
-- result carries where its confirmation stands, so the confirmation job can resume after a crash or retry and a
-- redelivered job finds nothing left to do. Forward-only: later changes go in 004_*.sql and onwards.
--   pending       — queued, waiting for the confirmation window [confirmation_start, confirmation_end) to close
--   confirmed     — the later window shows the regression too: the issue was opened (or given the evidence)
--   not-confirmed — the later window does not show it: no issue; confirmation_reason says why
--   not-needed    — nothing left to confirm (issues disabled, the metric or environment no longer configured)
--   failed        — the job gave up after every retry; confirmation_reason holds the last error
-- null: no confirmation was asked for (not a regression, an open issue already, or issues.confirm = 0).
alter table metric_results
  add column confirmation text
    check (confirmation in ('pending', 'confirmed', 'not-confirmed', 'not-needed', 'failed')),
  add column confirmation_start timestamptz,
  add column confirmation_end timestamptz,
  -- The confirmation window measured against the evaluation's own baseline window.
  add column confirmation_verdict text
    check (confirmation_verdict in ('regression', 'improvement', 'no-change', 'inconclusive')),
  add column confirmation_reason text,
  add column confirmation_median double precision,
  add column confirmation_n integer,
  add column confirmation_change_pct double precision,
  add column confirmation_p_value double precision,
  add check ((confirmation is null) = (confirmation_start is null and confirmation_end is null));

-- The confirmation job looks up an evaluation's pending confirmations.
create index metric_results_pending_confirmation on metric_results (evaluation_id) where confirmation = 'pending';
