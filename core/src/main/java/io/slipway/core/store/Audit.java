package io.slipway.core.store;

import java.time.Instant;
import java.util.List;

/** The audit log: every state-changing command and every refused action, with who, what and how it ended. */
public final class Audit {

    /** One entry; {@code app} is empty for commands that name none. */
    public record Entry(Instant at, String user, String app, String command, String outcome) {
    }

    private static final int MAX_COMMAND = 500;

    private final Database db;

    public Audit(Database db) {
        this.db = db;
    }

    public void record(String user, String app, String command, String outcome) {
        String text = command.length() > MAX_COMMAND ? command.substring(0, MAX_COMMAND) + "..." : command;
        db.update("INSERT INTO audit (at, user_name, app, command, outcome) VALUES (?, ?, ?, ?, ?)",
                Instant.now().toString(), user, app, text, outcome);
    }

    /** The newest {@code limit} entries, oldest first. */
    public List<Entry> recent(int limit) {
        List<Entry> newest = db.query("SELECT at, user_name, app, command, outcome FROM audit ORDER BY at DESC LIMIT ?",
                r -> new Entry(Instant.parse(r.getString(1)), r.getString(2), r.getString(3), r.getString(4),
                        r.getString(5)), limit);
        List<Entry> oldestFirst = new java.util.ArrayList<>(newest);
        java.util.Collections.reverse(oldestFirst);
        return oldestFirst;
    }
}
