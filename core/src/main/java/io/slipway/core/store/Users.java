package io.slipway.core.store;

import io.slipway.core.InvalidInputException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Users, their roles and the SSH public keys that sign in as them (looked up by fingerprint).
 * A user may belong to an agent (a reseller who created it); an agent owns a domain.
 */
public final class Users {

    public enum Role { ADMIN, AGENT, USER }

    /** {@code agent}: the agent the user belongs to, or empty; {@code domain}: an agent's domain, or empty. */
    public record User(String name, Role role, String agent, String domain) {

        public User(String name, Role role) {
            this(name, role, "", "");
        }

        public boolean isAdmin() {
            return role == Role.ADMIN;
        }
    }

    /** One SSH key of a user. */
    public record Key(String name, String user, String fingerprint, String publicKey, Instant createdAt) {
    }

    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9._-]{0,39}");
    private static final String COLUMNS = "name, role, agent, domain";

    private final Database db;

    public Users(Database db) {
        this.db = db;
    }

    /** Checks a user or key name once, so the rest of the code can trust it. */
    public static String checkName(String kind, String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new InvalidInputException("invalid " + kind + " name '" + (name == null ? "" : name.length() > 40
                    ? name.substring(0, 40) + "..." : name) + "': use 1-40 lower-case letters, digits, '.', '_' and '-',"
                    + " starting with a letter");
        }
        return name;
    }

    public boolean hasAnyKey() {
        return db.query("SELECT COUNT(*) FROM ssh_keys", r -> r.getInt(1)).get(0) > 0;
    }

    /** Creates the user; refuses a name that is taken. */
    public void create(String name, Role role, String agent, String domain) {
        if (find(name).isPresent()) {
            throw new InvalidInputException("user " + name + " already exists");
        }
        db.update("INSERT INTO users (name, role, created_at, agent, domain) VALUES (?, ?, ?, ?, ?)",
                name, role.name(), Instant.now().toString(), agent, domain);
    }

    /** Adds {@code user} if new, then the key if its fingerprint is not known yet. */
    public void addKey(String user, Role role, String keyName, String fingerprint, String publicKey) {
        db.transaction(c -> {
            String now = Instant.now().toString();
            try (var s = Database.prepare(c, "INSERT INTO users (name, role, created_at) VALUES (?, ?, ?) "
                    + "ON CONFLICT (name) DO NOTHING", user, role.name(), now)) {
                s.executeUpdate();
            }
            try (var s = Database.prepare(c, "INSERT INTO ssh_keys (fingerprint, name, user_name, public_key, created_at) "
                    + "VALUES (?, ?, ?, ?, ?) ON CONFLICT (fingerprint) DO NOTHING",
                    fingerprint, keyName, user, publicKey, now)) {
                s.executeUpdate();
            }
            return null;
        });
    }

    /** Adds a key to an existing user; refuses a key already known or a key name the user already has. */
    public void addKey(String user, String keyName, String fingerprint, String publicKey) {
        db.transaction(c -> {
            if (!query(c, "SELECT user_name FROM ssh_keys WHERE fingerprint = ?", fingerprint).isEmpty()) {
                throw new InvalidInputException("this key is already registered (" + fingerprint + "); each key signs in as one user");
            }
            if (!query(c, "SELECT name FROM ssh_keys WHERE user_name = ? AND name = ?", user, keyName).isEmpty()) {
                throw new InvalidInputException("user " + user + " already has a key named " + keyName + "; choose another name");
            }
            try (var s = Database.prepare(c, "INSERT INTO ssh_keys (fingerprint, name, user_name, public_key, created_at) "
                    + "VALUES (?, ?, ?, ?, ?)", fingerprint, keyName, user, publicKey, Instant.now().toString())) {
                s.executeUpdate();
            }
            return null;
        });
    }

    public boolean removeKey(String user, String keyName) {
        return db.update("DELETE FROM ssh_keys WHERE user_name = ? AND name = ?", user, keyName) == 1;
    }

    public List<Key> keys(String user) {
        return db.query("SELECT name, user_name, fingerprint, public_key, created_at FROM ssh_keys WHERE user_name = ? "
                + "ORDER BY name", r -> new Key(r.getString(1), r.getString(2), r.getString(3), r.getString(4),
                Instant.parse(r.getString(5))), user);
    }

    public Optional<User> findByKey(String fingerprint) {
        return db.query("SELECT u.name, u.role, u.agent, u.domain FROM ssh_keys k JOIN users u ON u.name = k.user_name "
                + "WHERE k.fingerprint = ?", Users::map, fingerprint).stream().findFirst();
    }

    public Optional<User> find(String name) {
        return db.query("SELECT " + COLUMNS + " FROM users WHERE name = ?", Users::map, name).stream().findFirst();
    }

    public Optional<User> findAgentByDomain(String domain) {
        return db.query("SELECT " + COLUMNS + " FROM users WHERE role = 'AGENT' AND domain = ?", Users::map, domain)
                .stream().findFirst();
    }

    public List<User> list() {
        return db.query("SELECT " + COLUMNS + " FROM users ORDER BY name", Users::map);
    }

    public boolean delete(String name) {
        return db.update("DELETE FROM users WHERE name = ?", name) == 1;
    }

    private static List<String> query(java.sql.Connection c, String sql, Object... params) throws java.sql.SQLException {
        try (var s = Database.prepare(c, sql, params); var rows = s.executeQuery()) {
            List<String> values = new java.util.ArrayList<>();
            while (rows.next()) {
                values.add(rows.getString(1));
            }
            return values;
        }
    }

    private static User map(java.sql.ResultSet r) throws java.sql.SQLException {
        return new User(r.getString(1), Role.valueOf(r.getString(2)), r.getString(3), r.getString(4));
    }
}
