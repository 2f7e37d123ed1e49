package io.slipway.core;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/** Reassembles lines from the chunks a process's output arrives in, then hands them on. */
public final class LineBuffer {

    private static final int MAX_LINE = 16 * 1024;

    private final Consumer<String> lines;
    private final ByteArrayOutputStream pending = new ByteArrayOutputStream();

    public LineBuffer(Consumer<String> lines) {
        this.lines = lines;
    }

    public synchronized void accept(byte[] chunk) {
        for (byte b : chunk) {
            if (b == '\n' || pending.size() >= MAX_LINE) {
                emit();
            } else if (b != '\r') {
                pending.write(b);
            }
        }
    }

    /** Hands on a last line that had no newline. */
    public synchronized void flush() {
        if (pending.size() > 0) {
            emit();
        }
    }

    private void emit() {
        lines.accept(pending.toString(StandardCharsets.UTF_8));
        pending.reset();
    }
}
