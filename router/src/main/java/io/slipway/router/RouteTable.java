package io.slipway.router;

import io.slipway.core.AppName;
import io.slipway.core.Endpoint;
import io.slipway.core.event.AppCreated;
import io.slipway.core.event.EventBus;
import io.slipway.core.event.RoutesChanged;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Host → app → live endpoints, changed live by scheduler events; reads never block writers.
 * An app is served at {@code APP.DOMAIN}, case-insensitively, whatever the port.
 */
public final class RouteTable {

    private final String domainSuffix;
    private final Map<AppName, List<Endpoint>> endpoints = new ConcurrentHashMap<>();
    private final Map<AppName, AtomicInteger> cursors = new ConcurrentHashMap<>();

    public RouteTable(String domain) {
        this.domainSuffix = "." + domain.toLowerCase(Locale.ROOT);
    }

    /** Keeps the table current from the event bus. */
    public RouteTable listenTo(EventBus events) {
        events.subscribe(AppCreated.class, e -> addApp(e.app()));
        events.subscribe(RoutesChanged.class, e -> setEndpoints(e.app(), e.endpoints()));
        return this;
    }

    public void addApp(AppName app) {
        endpoints.putIfAbsent(app, List.of());
    }

    public void setEndpoints(AppName app, List<Endpoint> live) {
        endpoints.put(app, List.copyOf(live));
    }

    /** The app a {@code Host} header names, if it is one of ours. */
    public Optional<AppName> resolve(String host) {
        if (host == null) {
            return Optional.empty();
        }
        String name = host.toLowerCase(Locale.ROOT);
        if (name.endsWith(".")) {
            name = name.substring(0, name.length() - 1);
        }
        if (!name.endsWith(domainSuffix)) {
            return Optional.empty();
        }
        String label = name.substring(0, name.length() - domainSuffix.length());
        try {
            AppName app = AppName.of(label);
            return endpoints.containsKey(app) ? Optional.of(app) : Optional.empty();
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    /** The next live endpoint of {@code app}, round-robin; empty when none is live. */
    public Optional<Endpoint> pick(AppName app) {
        List<Endpoint> live = endpoints.getOrDefault(app, List.of());
        if (live.isEmpty()) {
            return Optional.empty();
        }
        int next = cursors.computeIfAbsent(app, a -> new AtomicInteger()).getAndIncrement();
        return Optional.of(live.get(Math.floorMod(next, live.size())));
    }
}
