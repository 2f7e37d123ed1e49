package io.slipway.core;

/** Where one live instance of an app answers HTTP, e.g. {@code web.1} at 127.0.0.1:49153. */
public record Endpoint(String instance, String host, int port) {

    public String address() {
        return host + ":" + port;
    }
}
