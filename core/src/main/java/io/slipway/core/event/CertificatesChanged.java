package io.slipway.core.event;

import io.slipway.core.AppName;
import java.util.List;

/** HTTPS certificates of the app's domains were added or removed in the data dir; the router reloads them now. */
public record CertificatesChanged(AppName app, List<String> domains) {

    public CertificatesChanged {
        domains = List.copyOf(domains);
    }
}
