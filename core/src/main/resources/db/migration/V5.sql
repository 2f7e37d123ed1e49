-- Templates: a deployed app's release offered as a ready application (SaaS). It follows the
-- source app: each new release of the source becomes the template's next version.
CREATE TABLE templates (
  name TEXT PRIMARY KEY,
  app TEXT NOT NULL REFERENCES apps(name),
  description TEXT NOT NULL,
  version INTEGER NOT NULL,
  release_version INTEGER NOT NULL,
  published_by TEXT NOT NULL,
  created_at TEXT NOT NULL
);
-- Where an app came from: kind 'saas' runs a template's image and has no repository; 'paas'
-- has a repository (its own pushes, or a fork of its template's after apps:upgrade).
ALTER TABLE apps ADD COLUMN template TEXT NOT NULL DEFAULT '';
ALTER TABLE apps ADD COLUMN template_version INTEGER NOT NULL DEFAULT 0;
ALTER TABLE apps ADD COLUMN kind TEXT NOT NULL DEFAULT 'paas';
