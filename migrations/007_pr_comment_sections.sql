-- Kaizen keeps one comment per pull request, made of sections (a deployment per environment, CI benchmarks).
-- Each section is stored as rendered, so updating one re-renders the whole comment with the others intact, from
-- any process and after a restart. A section is stored even when the comment policy holds back the comment, so
-- it appears once the comment is created.
create table pr_comment_sections (
  repo_id bigint not null,
  pr_number integer not null,
  key text not null,
  body text not null,
  updated_at timestamptz not null default now(),
  primary key (repo_id, pr_number, key)
);
