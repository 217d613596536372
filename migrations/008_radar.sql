-- Tech radar and market trends (issue 5), kept from a repository's issues. An issue is an item once it carries
-- the radar (or trend) label; every change of ring, quadrant or status is a movement, never an overwrite, so the
-- review and the exports can tell what moved, when, by whom and why.
create table radar_items (
  id bigserial primary key,
  repo_id bigint not null,
  owner text not null,
  repo text not null,
  -- the installation that last delivered an event for the repo: scheduled reviews act through it
  installation_id bigint not null,
  issue_number integer not null,
  kind text not null check (kind in ('radar', 'trend')),
  title text not null,
  body text not null default '',
  url text not null,
  -- the last valid placement; null while the item has never been valid (status pending)
  ring text,
  quadrant text,
  -- trend items only: direction (rising, steady, declining) and impact (high, medium, low)
  trend text,
  impact text,
  -- pending: never valid yet; active: on the radar; retired: issue closed; gone: deleted, transferred or unlabelled
  status text not null default 'pending' check (status in ('pending', 'active', 'retired', 'gone')),
  thumbs_up integer not null default 0,
  -- what is wrong with the labels now (null when they are valid), and the last problem the bot explained, so
  -- each distinct problem is explained once
  problem text,
  announced_problem text,
  last_reviewed_at timestamptz,
  -- the time of the latest issue event applied: webhooks can arrive out of order, and an older one is skipped
  synced_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (repo_id, issue_number)
);
create index radar_items_repo on radar_items (repo_id, kind, status);

create table radar_movements (
  id bigserial primary key,
  item_id bigint not null references radar_items (id) on delete cascade,
  field text not null check (field in ('ring', 'quadrant', 'status')),
  from_value text,
  to_value text,
  -- GitHub login of who moved it (the label's adder, the command's author); null for the app's own changes
  actor text,
  reason text,
  source text not null check (source in ('label', 'command', 'import', 'close', 'reopen', 'delete', 'transfer')),
  link text,
  moved_at timestamptz not null,
  -- the webhook delivery or comment the movement came from (plus the field): a retried job records it once
  idempotency_key text not null unique,
  -- the comment announcing the move on the issue, once posted
  announcement_comment_id bigint,
  created_at timestamptz not null default now()
);
create index radar_movements_item on radar_movements (item_id, moved_at);

-- A trend names radar items by issue number (`#123` in its body); the radar item may be labelled later, so the
-- link holds the number and is joined to radar_items on (repo_id, issue_number).
create table radar_trend_links (
  trend_item_id bigint not null references radar_items (id) on delete cascade,
  repo_id bigint not null,
  radar_issue_number integer not null,
  primary key (trend_item_id, radar_issue_number)
);
create index radar_trend_links_radar on radar_trend_links (repo_id, radar_issue_number);

-- Review issues opened for a radar; `period` (like `2026-Q1`, null on demand) keeps a scheduled review to one
-- issue per period however often the schedule fires.
create table radar_reviews (
  id bigserial primary key,
  repo_id bigint not null,
  issue_number integer not null,
  url text not null,
  period text,
  previous_review_id bigint references radar_reviews (id),
  created_at timestamptz not null default now(),
  unique (repo_id, period)
);
create index radar_reviews_latest on radar_reviews (repo_id, created_at desc);

-- Webhook deliveries already synced into the radar: a redelivery (same id) is skipped whole, so an old event
-- replayed later cannot roll an item back to the labels it carried then.
create table radar_deliveries (
  delivery_id text primary key,
  processed_at timestamptz not null default now()
);
