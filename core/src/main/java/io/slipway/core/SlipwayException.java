package io.slipway.core;

/**
 * A failure the user should see: its message is one sentence that says what was wrong and
 * what to do. The edges (SSH, push output, router) translate it once.
 */
public class SlipwayException extends RuntimeException {

    public SlipwayException(String message) {
        super(message);
    }

    public SlipwayException(String message, Throwable cause) {
        super(message, cause);
    }
}
