-- Per-app router settings a user chose with router:set (balancing, max-body-size,
-- first-byte-timeout, redirect-to-https); a setting absent here is the router's default.
CREATE TABLE router_options (
  app TEXT NOT NULL REFERENCES apps(name) ON DELETE CASCADE,
  name TEXT NOT NULL,
  value TEXT NOT NULL,
  PRIMARY KEY (app, name)
);
