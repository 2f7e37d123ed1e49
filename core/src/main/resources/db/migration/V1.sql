-- Apps, their releases and config, and the users and keys that may use them.
CREATE TABLE users (
  name TEXT PRIMARY KEY,
  role TEXT NOT NULL,
  created_at TEXT NOT NULL
);
CREATE TABLE ssh_keys (
  fingerprint TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  user_name TEXT NOT NULL REFERENCES users(name) ON DELETE CASCADE,
  public_key TEXT NOT NULL,
  created_at TEXT NOT NULL
);
CREATE TABLE apps (
  name TEXT PRIMARY KEY,
  owner TEXT NOT NULL REFERENCES users(name),
  created_at TEXT NOT NULL
);
CREATE TABLE releases (
  app TEXT NOT NULL REFERENCES apps(name) ON DELETE CASCADE,
  version INTEGER NOT NULL,
  image TEXT NOT NULL,
  commit_id TEXT NOT NULL,
  description TEXT NOT NULL,
  status TEXT NOT NULL,
  manifest TEXT NOT NULL,
  created_at TEXT NOT NULL,
  PRIMARY KEY (app, version)
);
CREATE TABLE config_vars (
  app TEXT NOT NULL REFERENCES apps(name) ON DELETE CASCADE,
  name TEXT NOT NULL,
  value TEXT NOT NULL,
  PRIMARY KEY (app, name)
);
