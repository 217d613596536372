-- A radar's rings and quadrants as its kaizen.yml last gave them, kept whenever the radar's config is read (an
-- issue event, an import, a review, the API), so the dashboard draws the radar from the database alone: a page view
-- asks GitHub for nothing and shows the layout the items were judged against.
create table radar_layouts (
  repo_id bigint primary key,
  rings text[] not null,
  quadrants text[] not null,
  updated_at timestamptz not null default now()
);
