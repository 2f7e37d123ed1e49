package io.slipway.core;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * One add-on an app's app.json asks for (Heroku's {@code addons} key), created on the first push
 * that names it.
 *
 * @param plan           the entry as written, e.g. {@code heroku-postgresql:essential-0}, for messages
 * @param service        the service it is made of, e.g. {@code postgres}
 * @param name           the add-on's name, whose config vars are {@code NAME_URL}; empty for the
 *                       service's default name and vars ({@code DATABASE_URL}, {@code REDIS_URL}, ...)
 * @param backupSchedule a five-field cron schedule (UTC) of backups, empty for none
 * @param backupKeep     how many scheduled backups are kept
 */
public record AddonPlan(String plan, String service, String name, String backupSchedule, int backupKeep) {

    public static final int DEFAULT_KEEP = 7;
    public static final int MAX_KEEP = 1000;

    /**
     * Plan names as Heroku users write them, without the {@code :tier} part, and what each one
     * becomes here. Heroku's own add-ons keep Slipway's default vars, which are also Heroku's;
     * third-party ones are named so that they give the vars their Heroku add-on gives
     * ({@code jawsdb-maria} → {@code JAWSDB_MARIA_URL}, {@code cleardb} → {@code CLEARDB_DATABASE_URL}), and
     * Dokku's plugins give what their {@code :link} gives.
     */
    private static final Map<String, AddonPlan> KNOWN = Map.ofEntries(
            known("heroku-postgresql", "postgres", ""),
            known("postgres", "postgres", ""),
            known("postgresql", "postgres", ""),
            known("heroku-redis", "redis", ""),
            known("redis", "redis", ""),
            known("rediscloud", "redis", "rediscloud"),
            known("redistogo", "redis", "redistogo"),
            known("mysql", "mysql", ""),
            known("mariadb", "mysql", ""),
            known("jawsdb", "mysql", "jawsdb"),
            known("jawsdb-maria", "mysql", "jawsdb-maria"),
            known("cleardb", "mysql", "cleardb-database"),
            known("memcached", "memcached", ""),
            known("memcachier", "memcached", "memcachier"),
            known("memcachedcloud", "memcached", "memcachedcloud"),
            // Dokku's service plugins, as Dokku users name them: :link gives DATABASE_URL for both SQL ones.
            known("dokku-postgres", "postgres", ""),
            known("dokku-redis", "redis", ""),
            known("dokku-mysql", "mysql", "database"),
            known("dokku-mariadb", "mysql", "database"),
            known("dokku-memcached", "memcached", ""));

    public AddonPlan {
        plan = plan == null ? "" : plan;
        name = name == null ? "" : name;
        backupSchedule = backupSchedule == null ? "" : backupSchedule;
    }

    private static Map.Entry<String, AddonPlan> known(String plan, String service, String name) {
        return Map.entry(plan, new AddonPlan(plan, service, name, "", DEFAULT_KEEP));
    }

    /** The add-on a plan name stands for (any {@code :tier} suffix is accepted and ignored), if it is one we provide. */
    public static Optional<AddonPlan> of(String plan) {
        if (plan == null) {
            return Optional.empty();
        }
        String base = plan.strip().toLowerCase(Locale.ROOT);
        int colon = base.indexOf(':');
        if (colon >= 0) {
            base = base.substring(0, colon);
        }
        return Optional.ofNullable(KNOWN.get(base)).map(p -> new AddonPlan(plan.strip(), p.service, p.name, "", DEFAULT_KEEP));
    }

    /** The plan names {@link #of} knows, sorted, for messages. */
    public static List<String> names() {
        return KNOWN.keySet().stream().sorted().toList();
    }

    /** The services the plans stand for, for a check that every one of them exists. */
    public static Set<String> services() {
        return KNOWN.values().stream().map(AddonPlan::service).collect(Collectors.toSet());
    }

    public AddonPlan named(String newName) {
        return new AddonPlan(plan, service, newName, backupSchedule, backupKeep);
    }

    public AddonPlan withBackups(String schedule, int keep) {
        return new AddonPlan(plan, service, name, schedule, keep);
    }
}
