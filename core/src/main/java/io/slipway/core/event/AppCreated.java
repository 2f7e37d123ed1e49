package io.slipway.core.event;

import io.slipway.core.AppName;

/** An app now exists; the router answers for it (503 until it has live instances). */
public record AppCreated(AppName app) {
}
