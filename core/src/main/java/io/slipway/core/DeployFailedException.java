package io.slipway.core;

/** A release whose instances did not become live; the previous release keeps serving. */
public class DeployFailedException extends SlipwayException {

    public DeployFailedException(String message) {
        super(message);
    }
}
