package io.slipway.core.event;

import io.slipway.core.AppName;
import io.slipway.core.Endpoint;

/**
 * The router saw an instance refuse connections or time out and ejected it for a while;
 * the scheduler checks the instance and replaces it when it is really gone.
 */
public record EndpointFailed(AppName app, Endpoint endpoint, String reason) {
}
