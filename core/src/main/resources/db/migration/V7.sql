-- Apps stopped with ps:stop: none of their instances run until ps:start, ps:restart, ps:scale or
-- a new release starts them again. Their formation is kept.
CREATE TABLE stopped_apps (
  app TEXT PRIMARY KEY REFERENCES apps(name) ON DELETE CASCADE,
  stopped_at TEXT NOT NULL
);
