-- A compare GitHub could not answer (404/422: a deployed sha it does not have, two shas with no common history) is
-- recorded with its reason instead of failing the job for ever: the deployment gets no commits, later ones get
-- theirs, and the DORA page and API say which deployments' commits could not be read and why.
alter table dora_deployment_compares add column problem text;
-- The deployment's own sha is unknown to GitHub: later deployments compare from the one before it instead.
alter table dora_deployment_compares add column sha_unknown boolean not null default false;
