package io.slipway.core.event;

import io.slipway.core.AppName;
import io.slipway.core.Endpoint;
import java.util.List;

/** The complete set of live web endpoints of an app, replacing the previous set. */
public record RoutesChanged(AppName app, List<Endpoint> endpoints) {

    public RoutesChanged {
        endpoints = List.copyOf(endpoints);
    }
}
