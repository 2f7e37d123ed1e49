package io.slipway.receiver.cli;

import java.util.Map;
import java.util.Optional;

/**
 * Dokku's and Heroku's commands that Slipway has under another name, or does another way: an
 * unknown command that is one of them gets that way instead of the closest spellings (which
 * would point storage:mount at agents).
 */
final class OtherPlatforms {

    private static final Map<String, String> COMMANDS = Map.ofEntries(
            Map.entry("ps:report", "ps APP shows the instances, apps:info APP the formation"),
            Map.entry("apps:report", "apps:info APP"),
            Map.entry("apps:clone", "apps:fork SRC DST copies an app (repository, config, formation and add-ons;"
                    + " --with-addons none leaves the add-ons out) and deploys it"),
            Map.entry("apps:rename", "apps are not renamed: create the new app, push to it, then apps:destroy the old one"),
            Map.entry("buildpacks:set", "config:set APP BUILDPACK_URL=URL (several, in order: a .buildpacks file)"),
            Map.entry("buildpacks:add", "list the buildpacks in a .buildpacks file, one per line"),
            Map.entry("buildpacks:list", "config:get APP BUILDPACK_URL, or the app's .buildpacks file"),
            Map.entry("buildpacks:clear", "config:unset APP BUILDPACK_URL"),
            Map.entry("ports:set", "config:set APP PORT=3000 names the port the app listens on"),
            Map.entry("ports:add", "config:set APP PORT=3000 names the port the app listens on"),
            Map.entry("ports:list", "config:get APP PORT (when set; else the app gets $PORT)"),
            Map.entry("proxy:ports-set", "config:set APP PORT=3000 names the port the app listens on"),
            Map.entry("enter", "run APP -- bash opens a shell in a new instance"),
            Map.entry("logs:failed", "logs APP shows the failed deploy's output"),
            Map.entry("config:export", "config APP --shell"),
            Map.entry("config:show", "config APP"),
            Map.entry("domains:set", "domains:add APP DOMAIN"),
            Map.entry("domains:report", "domains APP"),
            Map.entry("nginx:set", "router:set APP max-body-size 20m (and router APP for the other settings)"),
            Map.entry("pg:psql", "addons:connect APP postgres"),
            Map.entry("redis:cli", "addons:connect APP redis"));

    private static final Map<String, String> TOPICS = Map.ofEntries(
            Map.entry("storage", "apps have no persistent volumes here: keep data in an add-on (addons:create APP"
                    + " postgres, redis, mysql), or in object storage"),
            Map.entry("postgres", "addons:create APP postgres makes a database and sets DATABASE_URL (addons for the rest)"),
            Map.entry("redis", "addons:create APP redis makes one and sets REDIS_URL (addons for the rest)"),
            Map.entry("mysql", "addons:create APP mysql makes a database and sets MYSQL_URL (addons for the rest)"),
            Map.entry("mariadb", "addons:create APP mysql makes a MariaDB database and sets MYSQL_URL"),
            Map.entry("letsencrypt", "certs:add APP installs a certificate of your own (cat site.crt site.key | ssh ..."
                    + " certs:add APP)"),
            Map.entry("checks", "app.json healthchecks say when a new release is live"),
            Map.entry("git", "deploy with git push; a branch other than master: git push paas BRANCH:master"),
            Map.entry("maintenance", "ps:scale APP web=0 takes the app down; the router then answers 503"));

    private OtherPlatforms() {
    }

    /** What to use here instead of {@code command}, if it is another platform's. */
    static Optional<String> instead(String command) {
        String known = COMMANDS.get(command);
        if (known == null && command.contains(":")) {
            known = TOPICS.get(command.substring(0, command.indexOf(':')));
        }
        return Optional.ofNullable(known);
    }
}
