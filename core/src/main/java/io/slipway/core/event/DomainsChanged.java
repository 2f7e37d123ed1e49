package io.slipway.core.event;

import io.slipway.core.AppName;
import java.util.List;

/** The complete set of custom domains of an app ({@code www.example.com}, {@code *.example.com}). */
public record DomainsChanged(AppName app, List<String> domains) {

    public DomainsChanged {
        domains = List.copyOf(domains);
    }
}
