-- The statistics behind each verdict (effect size, autocorrelation, effective and expected sample counts, the
-- metric's own noise, warnings such as a threshold below that noise), kept with the result so a report can be
-- rebuilt and a verdict checked later. One jsonb column: readers take it whole, nobody filters on its parts.
alter table metric_results add column explanation jsonb;
