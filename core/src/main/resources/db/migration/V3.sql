-- Accounts: a user may belong to an agent (a reseller); an agent owns a domain for its apps.
ALTER TABLE users ADD COLUMN agent TEXT NOT NULL DEFAULT '';
ALTER TABLE users ADD COLUMN domain TEXT NOT NULL DEFAULT '';
-- Collaborators an owner shared an app with.
CREATE TABLE app_members (
  app TEXT NOT NULL REFERENCES apps(name) ON DELETE CASCADE,
  user_name TEXT NOT NULL REFERENCES users(name) ON DELETE CASCADE,
  PRIMARY KEY (app, user_name)
);
-- Custom domains the router serves for an app.
CREATE TABLE domains (
  domain TEXT PRIMARY KEY,
  app TEXT NOT NULL REFERENCES apps(name) ON DELETE CASCADE
);
-- Every state-changing command and every refusal, for admins.
CREATE TABLE audit (
  at TEXT NOT NULL,
  user_name TEXT NOT NULL,
  app TEXT NOT NULL,
  command TEXT NOT NULL,
  outcome TEXT NOT NULL
);
CREATE INDEX audit_at ON audit (at);
