package io.slipway.core;

import java.util.List;
import java.util.function.Consumer;

/** An app's log: its instances' output and the platform's events, kept on disk with a size cap. */
public interface Logs {

    /** The last {@code lines} lines, oldest first. */
    List<String> tail(AppName app, int lines);

    /** Calls {@code listener} with each new line until the returned handle is closed. */
    AutoCloseable follow(AppName app, Consumer<String> listener);

    /** Records a platform event, e.g. {@code slipway | deployed v3}. */
    void event(AppName app, String text);
}
