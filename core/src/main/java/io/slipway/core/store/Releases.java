package io.slipway.core.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.slipway.core.AppManifest;
import io.slipway.core.AppName;
import io.slipway.core.Release;
import io.slipway.core.SlipwayException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The releases table: every version of every app, deployed or not. */
public final class Releases {

    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    private static final String COLUMNS =
            "app, version, image, commit_id, description, status, manifest, config, created_at";

    private final Database db;

    public Releases(Database db) {
        this.db = db;
    }

    /** The version number the next release of {@code app} gets. */
    public int nextVersion(AppName app) {
        return db.query("SELECT COALESCE(MAX(version), 0) + 1 FROM releases WHERE app = ?",
                r -> r.getInt(1), app.value()).get(0);
    }

    public void save(Release release) {
        db.update("INSERT INTO releases (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) "
                        + "ON CONFLICT (app, version) DO UPDATE SET status = excluded.status",
                release.app().value(), release.version(), release.image(), release.commit(),
                release.description(), release.status().name(), toJson(release.manifest()),
                toJson(release.config()), release.createdAt().toString());
    }

    /** The release that is serving: the newest deployed one. */
    public Optional<Release> current(AppName app) {
        return db.query("SELECT " + COLUMNS + " FROM releases WHERE app = ? AND status = 'DEPLOYED' "
                + "ORDER BY version DESC LIMIT 1", Releases::map, app.value()).stream().findFirst();
    }

    public List<Release> list(AppName app) {
        return db.query("SELECT " + COLUMNS + " FROM releases WHERE app = ? ORDER BY version DESC",
                Releases::map, app.value());
    }

    private static Release map(ResultSet r) throws SQLException {
        return new Release(AppName.of(r.getString(1)), r.getInt(2), r.getString(3), r.getString(4),
                r.getString(5), Release.Status.valueOf(r.getString(6)), fromJson(r.getString(7)),
                configFromJson(r.getString(8)), Instant.parse(r.getString(9)));
    }

    /** One release by version. */
    public Optional<Release> find(AppName app, int version) {
        return db.query("SELECT " + COLUMNS + " FROM releases WHERE app = ? AND version = ?", Releases::map,
                app.value(), version).stream().findFirst();
    }

    private static Map<String, String> configFromJson(String json) {
        try {
            return JSON.readValue(json, new com.fasterxml.jackson.core.type.TypeReference<Map<String, String>>() { });
        } catch (JsonProcessingException e) {
            throw new SlipwayException("corrupt release config in the state store: " + e.getMessage(), e);
        }
    }

    private static String toJson(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new SlipwayException("cannot store the release manifest: " + e.getMessage(), e);
        }
    }

    private static AppManifest fromJson(String json) {
        try {
            return JSON.readValue(json, AppManifest.class);
        } catch (JsonProcessingException e) {
            throw new SlipwayException("corrupt release manifest in the state store: " + e.getMessage(), e);
        }
    }
}
