package io.slipway.core;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Backing services (PostgreSQL, Redis, MariaDB, memcached) that apps get as add-ons: each one a
 * dedicated server with its own data, owned by the app that created it, reachable only from the
 * apps attached to it, which see it through config vars such as {@code DATABASE_URL}.
 * Every method refuses bad input with {@link InvalidInputException} before it changes anything.
 */
public interface Addons {

    /** The services add-ons can be made of, e.g. {@code postgres}. */
    List<String> services();

    /**
     * Provisions an add-on of {@code service} for {@code app}, named {@code as} or else after the
     * service; waits until it accepts connections, sets its config vars on the app and redeploys
     * the app with zero downtime. All or nothing: when any step fails, nothing is left behind.
     */
    Addon create(AppName app, String service, Optional<Name> as, PushLog log);

    /**
     * Creates the add-ons app.json asks for ({@code plans}) that {@code app} does not have yet, with
     * their backup schedules, for a push: their config vars are set without a redeploy, so the
     * release being deployed is the first to get them. An add-on the app owns under the same name,
     * or one of another app attached to it giving the same config vars, counts as had and is left
     * alone. Every plan is checked before any add-on is created.
     *
     * @return the add-ons created
     */
    List<Addon> provision(AppName app, List<AddonPlan> plans, PushLog log);

    /** The add-ons {@code app} owns, then those of other apps attached to it. */
    List<Addon> list(AppName app);

    Addon info(AppName app, Name name);

    /** Gives {@code to} the add-on's config vars and network: a database shared between apps. */
    Addon attach(AppName app, Name name, AppName to, PushLog log);

    /** Takes the add-on's config vars and network away from {@code from}; the data stays. */
    Addon detach(AppName app, Name name, AppName from, PushLog log);

    /** Detaches the add-on from every app, then removes its server, network and data volume. */
    void destroy(AppName app, Name name, PushLog log);

    /** Destroys every add-on {@code app} owns and forgets its attachments: for {@code apps:destroy}. */
    void destroyAll(AppName app, PushLog log);

    /** Publishes the add-on's port on 127.0.0.1 (a free port when {@code port} is 0). */
    Addon expose(AppName app, Name name, int port, PushLog log);

    Addon unexpose(AppName app, Name name, PushLog log);

    /** A consistent dump of the add-on's data, kept under the data dir. */
    Backup backup(AppName app, Name name, PushLog log);

    /** The add-on's backups, newest first. */
    List<Backup> backups(AppName app, Name name);

    /** Replaces the add-on's data with a backup's. */
    void restore(AppName app, Name name, String backup, PushLog log);

    /**
     * Backs the add-on up on a cron schedule (UTC), keeping its {@code keep} newest backups;
     * an empty schedule stops scheduled backups.
     */
    Addon schedule(AppName app, Name name, String cron, int keep);

    /**
     * Runs the service's own client (psql, redis-cli, mariadb) against the add-on, attached to
     * the caller's terminal; with {@code command}, runs that one command instead of a session.
     *
     * @return the client's exit status
     */
    int connect(AppName app, Name name, Optional<String> command, Scheduler.Terminal terminal);

    /**
     * An add-on's name, unique among its app's add-ons: 1-20 lower-case letters, digits and
     * dashes. {@code --as ANALYTICS} and {@code --as analytics} both name {@code analytics},
     * whose config var is {@code ANALYTICS_URL}.
     */
    record Name(String value) {

        private static final Pattern RULE = Pattern.compile("[a-z][a-z0-9-]{0,19}");
        private static final Pattern TYPED = Pattern.compile("[A-Za-z][A-Za-z0-9_-]{0,19}");

        public Name {
            if (value == null || !RULE.matcher(value).matches() || value.endsWith("-")) {
                throw invalid(value);
            }
        }

        /** Reads a name as users type it, in either case and with {@code _} for {@code -}. */
        public static Name of(String text) {
            if (text == null || !TYPED.matcher(text).matches() || text.endsWith("-") || text.endsWith("_")) {
                throw invalid(text);
            }
            return new Name(text.toLowerCase(Locale.ROOT).replace('_', '-'));
        }

        private static InvalidInputException invalid(String text) {
            String shown = text == null ? "" : text.length() > 40 ? text.substring(0, 40) + "..." : text;
            return new InvalidInputException("invalid add-on name '" + shown.replaceAll("\\p{Cntrl}", "?")
                    + "': use 1-20 letters, digits, dashes or underscores, starting with a letter (e.g. analytics)");
        }

        /** The config var prefix this name gives: {@code cache-db} → {@code CACHE_DB}. */
        public String varPrefix() {
            return value.toUpperCase(Locale.ROOT).replace('-', '_');
        }

        @Override
        public String toString() {
            return value;
        }
    }

    /**
     * An add-on as users see it. {@code url} has its password masked; {@code exposedPort} is 0
     * unless the add-on is published on 127.0.0.1; {@code backupSchedule} is empty when unset.
     */
    record Addon(AppName app, Name name, String service, String version, String state, Instant createdAt,
                 String url, String host, String volume, String network, int exposedPort,
                 String backupSchedule, int backupKeep, List<Attachment> attachments) {

        public Addon {
            attachments = List.copyOf(attachments);
        }
    }

    /** An app that sees the add-on, and the config vars it sees it through. */
    record Attachment(AppName app, List<String> vars) {

        public Attachment {
            vars = List.copyOf(vars);
        }
    }

    /** One backup file: {@code id} is its file name, e.g. {@code 20260121T030000Z.dump}. */
    record Backup(String id, Instant createdAt, long sizeBytes) {
    }
}
