-- Add-ons: one server per row, owned by the app that created it. No foreign key to apps on
-- purpose: a row outlives its app until the add-ons module has removed the server and its data
-- volume (it does so when it hears the app was removed), so no volume is ever forgotten.
CREATE TABLE addons (
  app TEXT NOT NULL,
  name TEXT NOT NULL,
  service TEXT NOT NULL,
  image TEXT NOT NULL,
  version TEXT NOT NULL,
  username TEXT NOT NULL,
  password TEXT NOT NULL,
  db_name TEXT NOT NULL,
  exposed_port INTEGER NOT NULL DEFAULT 0,
  backup_schedule TEXT NOT NULL DEFAULT '',
  backup_keep INTEGER NOT NULL DEFAULT 7,
  created_at TEXT NOT NULL,
  PRIMARY KEY (app, name)
);
-- The apps that see an add-on (its owner included) and the prefix of the config vars they see
-- it through, e.g. DATABASE for DATABASE_URL. One prefix per app, so two add-ons never fight
-- over one variable.
CREATE TABLE addon_attachments (
  addon_app TEXT NOT NULL,
  addon_name TEXT NOT NULL,
  app TEXT NOT NULL REFERENCES apps(name) ON DELETE CASCADE,
  var_prefix TEXT NOT NULL,
  created_at TEXT NOT NULL,
  PRIMARY KEY (addon_app, addon_name, app),
  FOREIGN KEY (addon_app, addon_name) REFERENCES addons(app, name) ON DELETE CASCADE
);
CREATE UNIQUE INDEX addon_attachments_var ON addon_attachments (app, var_prefix);
CREATE INDEX addon_attachments_app ON addon_attachments (app);
