package io.slipway.core.access;

import io.slipway.core.SlipwayException;

/** A refused action: says who was refused, what, and which right is missing. */
public class AccessDeniedException extends SlipwayException {

    public AccessDeniedException(String message) {
        super(message);
    }
}
