-- Repository files Kaizen reads on every job (`.github/kaizen.yml`, the org's `.github` default, `_extends`
-- targets), cached per file so a configured repository costs no GitHub call per delivery: fresh rows are used as
-- they are, stale ones revalidated with their ETag (a 304 does not count against the rate limit), and a push to
-- the default branch touching a file deletes its row. A 404 is cached too: a repository without a config costs
-- nothing either. `key` is `owner/repo/path`, lower-cased (GitHub's names are case-insensitive).
create table github_file_cache (
  key text primary key,
  status integer not null check (status in (200, 404)),
  etag text,
  content_type text,
  body text,
  checked_at timestamptz not null default now()
);
