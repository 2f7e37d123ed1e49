package io.slipway.core.event;

import io.slipway.core.AppName;
import io.slipway.core.RouterOptions;

/** The complete set of router settings an app chose ({@code router:set}); the router applies them at once. */
public record RouterOptionsChanged(AppName app, RouterOptions options) {
}
