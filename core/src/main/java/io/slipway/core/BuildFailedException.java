package io.slipway.core;

/** A build that did not produce an image; {@code phase} names where it stopped. */
public class BuildFailedException extends SlipwayException {

    private final String phase;

    public BuildFailedException(String phase, String message) {
        super(message);
        this.phase = phase;
    }

    public String phase() {
        return phase;
    }
}
