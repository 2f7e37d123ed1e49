package io.slipway.core;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * What the scheduler asks of the router while it moves traffic between instances: once an
 * endpoint has been taken out of the routes, when have its in-flight requests finished?
 */
public interface Traffic {

    Traffic NONE = (endpoint, max) -> CompletableFuture.completedFuture(null);

    /**
     * Completes when no request is in flight to {@code endpoint}, or after {@code max}, whichever
     * comes first. Never completes exceptionally.
     */
    CompletableFuture<Void> drained(Endpoint endpoint, Duration max);
}
