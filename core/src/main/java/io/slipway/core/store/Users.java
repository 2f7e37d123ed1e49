package io.slipway.core.store;

import java.time.Instant;
import java.util.Optional;

/** Users and the SSH public keys that sign in as them. Keys are looked up by fingerprint. */
public final class Users {

    public enum Role { ADMIN, AGENT, USER }

    public record User(String name, Role role) {
    }

    private final Database db;

    public Users(Database db) {
        this.db = db;
    }

    public boolean hasAnyKey() {
        return db.query("SELECT COUNT(*) FROM ssh_keys", r -> r.getInt(1)).get(0) > 0;
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

    public Optional<User> findByKey(String fingerprint) {
        return db.query("SELECT u.name, u.role FROM ssh_keys k JOIN users u ON u.name = k.user_name "
                        + "WHERE k.fingerprint = ?",
                r -> new User(r.getString(1), Role.valueOf(r.getString(2))), fingerprint).stream().findFirst();
    }
}
