-- Webhook deliveries as the intake stored them (signature checked, body as received), until the drain has run the
-- handlers on them (src/queue/webhook-inbox.ts). A row is leased while its handlers run (due_at moves ahead), so a
-- process that dies mid-way leaves it due again for any replica.
create table webhook_inbox (
  id bigserial primary key,
  delivery_id text not null,
  event text not null,
  payload text not null,
  received_at timestamptz not null default now(),
  attempts integer not null default 0,
  due_at timestamptz not null default now(),
  last_error text
);
create index webhook_inbox_due on webhook_inbox (due_at, id);
