package io.slipway.core;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Reassembles lines from the chunks a process's output arrives in, then hands them on. A line
 * longer than 16 KiB is handed on in pieces of about that size, cut between characters. Output that comes in several streams
 * (a container's stdout and stderr, interleaved) is reassembled per stream, so that a line of one
 * is never cut by the other's.
 */
public final class LineBuffer {

    private static final int MAX_LINE = 16 * 1024;

    private final Consumer<String> lines;
    private final Map<Object, ByteArrayOutputStream> pending = new LinkedHashMap<>();

    public LineBuffer(Consumer<String> lines) {
        this.lines = lines;
    }

    /** A chunk of the only stream. */
    public void accept(byte[] chunk) {
        accept("", chunk);
    }

    /** A chunk of the stream {@code stream} (such as docker-java's stream type). */
    public synchronized void accept(Object stream, byte[] chunk) {
        ByteArrayOutputStream line = pending.computeIfAbsent(stream, s -> new ByteArrayOutputStream());
        for (byte b : chunk) {
            if (b == '\n') {
                emit(line);
            } else if (b != '\r') {
                if (line.size() >= MAX_LINE && (b & 0xC0) != 0x80) {
                    emit(line); // between characters, never inside one (UTF-8 continuation bytes are 10xxxxxx)
                }
                line.write(b);
            }
        }
    }

    /** Hands on the last line of each stream that had no newline. */
    public synchronized void flush() {
        for (ByteArrayOutputStream line : pending.values()) {
            if (line.size() > 0) {
                emit(line);
            }
        }
    }

    private void emit(ByteArrayOutputStream line) {
        lines.accept(line.toString(StandardCharsets.UTF_8));
        line.reset();
    }
}
