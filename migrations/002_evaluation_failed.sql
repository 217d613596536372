-- An evaluation whose job used up every retry (GitHub down for hours, a bug) is marked failed with the last
-- error in `note`, instead of staying "scheduled" forever.
alter table evaluations drop constraint evaluations_state_check;
alter table evaluations add constraint evaluations_state_check
  check (state in ('pending', 'scheduled', 'skipped', 'config-error', 'reported', 'failed'));
