-- A false alarm marked on a drift issue judges the drift check, not the verdict of the evaluation or benchmark run
-- whose check opened the issue. Marks made before Kaizen told them apart were stored as that verdict's mark (its
-- kind, its evaluation or run, its threshold); they become drift marks with the drift issue's threshold, so replay,
-- auto-tune and quality stop counting them as the verdict's false alarm.
update feedback_marks m
   set issue_kind = 'drift', evaluation_id = null, benchmark_run_id = null, threshold = i.threshold
  from improvement_issues i
 where i.id = m.improvement_issue_id and i.kind = 'drift';
