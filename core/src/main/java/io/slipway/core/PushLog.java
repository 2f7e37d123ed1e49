package io.slipway.core;

/**
 * What the user sees while a push builds and deploys (the git {@code remote:} lines).
 * Operator logging goes to SLF4J instead.
 */
public interface PushLog {

    PushLog NOTHING = line -> { };

    /** One line exactly as given, such as a buildpack's own output. */
    void line(String line);

    /** A headline: {@code -----> text}. */
    default void step(String text) {
        line("-----> " + text);
    }

    /** Detail under a headline. */
    default void info(String text) {
        line("       " + text);
    }

    /** A problem the user must act on. */
    default void error(String text) {
        line(" !     " + text);
    }
}
