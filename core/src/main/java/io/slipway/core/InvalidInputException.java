package io.slipway.core;

/** Input the platform refuses; nothing was changed. */
public class InvalidInputException extends SlipwayException {

    public InvalidInputException(String message) {
        super(message);
    }
}
