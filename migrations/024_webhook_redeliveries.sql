-- Missed-delivery recovery: GitHub does not retry a delivery Kaizen failed to take (a 5xx, a timeout, the process
-- down), so Kaizen scans the app's recent deliveries and asks GitHub to redeliver the failed ones.
-- One row per delivery (GitHub's guid) Kaizen asked to redeliver: the claim that keeps replicas from asking twice,
-- and a bound on asks per delivery.
create table webhook_redeliveries (
  guid text primary key,
  -- the failed attempt that was redelivered
  delivery_id bigint not null,
  event text not null,
  asks integer not null default 1,
  asked_at timestamptz not null default now()
);

-- How far the last complete scan got: the newest delivery id it saw (one row).
create table webhook_delivery_scan (
  id boolean primary key default true check (id),
  newest_id bigint not null,
  scanned_at timestamptz not null default now()
);
