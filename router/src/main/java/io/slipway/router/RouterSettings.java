package io.slipway.router;

import java.time.Duration;

/** Where the router listens and how long it waits on an instance. */
public record RouterSettings(String host, int port, Duration connectTimeout, Duration responseTimeout) {

    public static RouterSettings of(String host, int port) {
        return new RouterSettings(host, port, Duration.ofSeconds(5), Duration.ofSeconds(30));
    }
}
