package io.slipway.router;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;

/**
 * The Vert.x the router's integration tests run on: the transport the daemon picks ({@code auto}),
 * or the one named by {@code -Dslipway.transport=io_uring|epoll|nio}, to prove the others.
 */
final class TestVertx {

    private TestVertx() {
    }

    static Vertx start() {
        return IoTransport.parse(System.getProperty("slipway.transport", "auto")).vertx(new VertxOptions());
    }
}
