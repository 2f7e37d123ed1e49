-- Formation set by users (ps:scale): per app and process type. Defaults come from the release.
CREATE TABLE formation (
  app TEXT NOT NULL REFERENCES apps(name) ON DELETE CASCADE,
  process_type TEXT NOT NULL,
  quantity INTEGER NOT NULL,
  PRIMARY KEY (app, process_type)
);
-- Each release keeps the config it runs with, so rollback restores code and config together.
ALTER TABLE releases ADD COLUMN config TEXT NOT NULL DEFAULT '{}';
