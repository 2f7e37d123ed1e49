package io.slipway.addons;

import io.slipway.core.InvalidInputException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The services add-ons are made of: what port each listens on, which config vars it gives an
 * app, and how its backups are named. Everything the server itself needs is in its image.
 */
enum Service {

    POSTGRES("postgres", 5432, "DATABASE", "dump"),
    REDIS("redis", 6379, "REDIS", "rdb"),
    MYSQL("mysql", 3306, "MYSQL", "sql"),
    /** A cache: nothing persistent to back up. */
    MEMCACHED("memcached", 11211, "MEMCACHE", "");

    static final String MASK = "********";
    /** Redis's TLS port, next to its plain one (stacks/addons/redis/bin/addon-start). */
    static final int REDIS_TLS_PORT = 6380;

    private final String id;
    private final int port;
    private final String defaultPrefix;
    private final String backupExtension;

    Service(String id, int port, String defaultPrefix, String backupExtension) {
        this.id = id;
        this.port = port;
        this.defaultPrefix = defaultPrefix;
        this.backupExtension = backupExtension;
    }

    static Service of(String id) {
        return Arrays.stream(values()).filter(s -> s.id.equals(id)).findFirst().orElseThrow(() ->
                new InvalidInputException("unknown service '" + (id == null ? "" : id.length() > 40 ? id.substring(0, 40) + "..." : id)
                        + "'; choose one of: " + String.join(", ", ids())));
    }

    static List<String> ids() {
        return Arrays.stream(values()).map(Service::id).toList();
    }

    String id() {
        return id;
    }

    int port() {
        return port;
    }

    /** The prefix of the vars an add-on gives when it is not named with {@code --as}. */
    String defaultPrefix() {
        return defaultPrefix;
    }

    boolean backsUp() {
        return !backupExtension.isEmpty();
    }

    String backupExtension() {
        return backupExtension;
    }

    /** The URL apps connect with, e.g. {@code postgres://USER:PASSWORD@HOST:5432/DB}. */
    String url(String host, Credentials c) {
        return url(host, c.username(), c.password(), c.database());
    }

    /** The URL with its password masked, for output. */
    String maskedUrl(String host, Credentials c) {
        return url(host, c.username(), MASK, c.database());
    }

    private String url(String host, String user, String password, String database) {
        return switch (this) {
            case POSTGRES -> "postgres://" + user + ":" + password + "@" + host + ":" + port + "/" + database;
            case REDIS -> "redis://:" + password + "@" + host + ":" + port;
            case MYSQL -> "mysql://" + user + ":" + password + "@" + host + ":" + port + "/" + database;
            case MEMCACHED -> "memcached://" + user + ":" + password + "@" + host + ":" + port;
        };
    }

    /**
     * The config vars an attached app gets: {@code PREFIX_URL}; memcached also gives the
     * {@code PREFIX_SERVERS}, {@code PREFIX_USERNAME} and {@code PREFIX_PASSWORD} its clients read;
     * Redis also gives {@code PREFIX_TLS_URL}, a {@code rediss://} URL as Heroku Redis gave, for
     * clients written for TLS (its certificate is self-signed, as Heroku's is).
     */
    Map<String, String> vars(String prefix, String host, Credentials c) {
        Map<String, String> vars = new LinkedHashMap<>();
        vars.put(prefix + "_URL", url(host, c));
        if (this == REDIS) {
            vars.put(prefix + "_TLS_URL", "rediss://:" + c.password() + "@" + host + ":" + REDIS_TLS_PORT);
        }
        if (this == MEMCACHED) {
            vars.put(prefix + "_SERVERS", host + ":" + port);
            vars.put(prefix + "_USERNAME", c.username());
            vars.put(prefix + "_PASSWORD", c.password());
        }
        return vars;
    }

    List<String> varNames(String prefix) {
        return List.copyOf(vars(prefix, "", new Credentials("", "", "")).keySet());
    }

    @Override
    public String toString() {
        return id;
    }
}
