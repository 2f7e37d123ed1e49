package io.slipway.core.event;

import io.slipway.core.AppName;

/** An app was destroyed; the router forgets it and its domains. */
public record AppRemoved(AppName app) {
}
