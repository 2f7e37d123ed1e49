package io.slipway.builder;

import io.slipway.core.PushLog;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Reassembles lines from the chunks a container's output arrives in, then hands them on. */
final class LogLines {

    private static final int MAX_LINE = 16 * 1024;

    private final PushLog log;
    private final ByteArrayOutputStream pending = new ByteArrayOutputStream();

    LogLines(PushLog log) {
        this.log = log;
    }

    synchronized void accept(byte[] chunk) {
        for (byte b : chunk) {
            if (b == '\n' || pending.size() >= MAX_LINE) {
                emit();
            } else if (b != '\r') {
                pending.write(b);
            }
        }
    }

    synchronized void flush() {
        if (pending.size() > 0) {
            emit();
        }
    }

    private void emit() {
        log.line(pending.toString(StandardCharsets.UTF_8));
        pending.reset();
    }
}
