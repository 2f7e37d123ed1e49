package io.slipway.core.store;

import io.slipway.core.SlipwayException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The platform's state: SQLite in WAL mode, so a crash mid-write loses nothing committed.
 * Schema changes are numbered migrations ({@code db/migration/V<n>.sql}) applied once each, in
 * order, inside a transaction; the SQL keeps to what PostgreSQL also accepts.
 *
 * <p>One connection serves every thread; {@link #transaction} serialises writers, which is what
 * SQLite does anyway and keeps each command's changes atomic.
 */
public final class Database implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Database.class);
    private static final int MAX_MIGRATIONS = 1000;

    private final Connection connection;

    private Database(Connection connection) {
        this.connection = connection;
    }

    public static Database open(Path file) {
        try {
            Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file);
            try (Statement s = connection.createStatement()) {
                s.execute("PRAGMA journal_mode=WAL");
                s.execute("PRAGMA synchronous=FULL");
                s.execute("PRAGMA foreign_keys=ON");
                s.execute("PRAGMA busy_timeout=10000");
            }
            Database database = new Database(connection);
            database.migrate();
            return database;
        } catch (SQLException e) {
            throw new SlipwayException("cannot open the state store " + file + ": " + e.getMessage(), e);
        }
    }

    /** Work that reads and writes through one connection inside one transaction. */
    @FunctionalInterface
    public interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    /** Runs {@code work} atomically; work nested inside another transaction joins it. */
    public synchronized <T> T transaction(Work<T> work) {
        try {
            if (!connection.getAutoCommit()) {
                return work.run(connection);
            }
            connection.setAutoCommit(false);
            try {
                T result = work.run(connection);
                connection.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new SlipwayException("state store error: " + e.getMessage(), e);
        }
    }

    /** Runs one statement with positional parameters; returns the number of rows changed. */
    public int update(String sql, Object... params) {
        return transaction(c -> {
            try (PreparedStatement s = prepare(c, sql, params)) {
                return s.executeUpdate();
            }
        });
    }

    /** Maps each row of a query. */
    public <T> List<T> query(String sql, RowMapper<T> mapper, Object... params) {
        return transaction(c -> {
            try (PreparedStatement s = prepare(c, sql, params); ResultSet rows = s.executeQuery()) {
                List<T> result = new ArrayList<>();
                while (rows.next()) {
                    result.add(mapper.map(rows));
                }
                return result;
            }
        });
    }

    @FunctionalInterface
    public interface RowMapper<T> {
        T map(ResultSet row) throws SQLException;
    }

    static PreparedStatement prepare(Connection c, String sql, Object... params) throws SQLException {
        PreparedStatement s = c.prepareStatement(sql);
        for (int i = 0; i < params.length; i++) {
            s.setObject(i + 1, params[i]);
        }
        return s;
    }

    private void migrate() throws SQLException {
        try (Statement s = connection.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)");
        }
        int current = query("SELECT COALESCE(MAX(version), 0) FROM schema_version", r -> r.getInt(1)).get(0);
        for (int version = current + 1; version < MAX_MIGRATIONS; version++) {
            String sql = migration(version);
            if (sql == null) {
                return;
            }
            int v = version;
            transaction(c -> {
                try (Statement s = c.createStatement()) {
                    for (String statement : sql.split(";\\s*(\\n|$)")) {
                        if (!statement.isBlank()) {
                            s.execute(statement);
                        }
                    }
                }
                try (PreparedStatement s = prepare(c, "INSERT INTO schema_version VALUES (?, datetime('now'))", v)) {
                    s.executeUpdate();
                }
                return null;
            });
            log.info("state store migrated to schema version {}", version);
        }
    }

    private static String migration(int version) {
        try (InputStream in = Database.class.getResourceAsStream("/db/migration/V" + version + ".sql")) {
            return in == null ? null : new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new SlipwayException("cannot read migration V" + version + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        try {
            connection.close();
        } catch (SQLException e) {
            log.warn("closing the state store failed", e);
        }
    }
}
