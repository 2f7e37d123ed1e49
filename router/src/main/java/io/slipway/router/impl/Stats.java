package io.slipway.router.impl;

import io.slipway.router.RouterStats;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Reads the live counters into a {@link RouterStats}; no lock on the request path is taken. */
public final class Stats {

    private static final String[] CLASSES = {"other", "1xx", "2xx", "3xx", "4xx", "5xx"};

    private Stats() {
    }

    public static RouterStats take(RouterCore core) {
        long nowNanos = System.nanoTime();
        long nowMillis = System.currentTimeMillis();
        Map<AppRoute, Set<Upstream>> byApp = new HashMap<>();
        for (AppRoute app : core.routing.apps()) {
            byApp.computeIfAbsent(app, a -> new LinkedHashSet<>()).addAll(List.of(app.upstreams));
        }
        // Instances that left the routes but still finish requests.
        for (Upstream leaving : core.routing.tracked()) {
            if (byApp.containsKey(leaving.app)) {
                byApp.get(leaving.app).add(leaving);
            }
        }
        List<RouterStats.AppStats> apps = new ArrayList<>();
        long requests = 0;
        int inFlight = 0;
        int queued = 0;
        long errors = 0;
        long[] responses = new long[CLASSES.length];
        for (Map.Entry<AppRoute, Set<Upstream>> entry : byApp.entrySet()) {
            AppRoute app = entry.getKey();
            List<RouterStats.EndpointStats> endpoints = new ArrayList<>();
            int appInFlight = 0;
            for (Upstream u : entry.getValue()) {
                long until = u.ejectedUntilMillis(nowNanos, nowMillis);
                endpoints.add(new RouterStats.EndpointStats(u.endpoint.instance(), u.endpoint.address(), u.routed,
                        u.inFlight(), u.requests(), u.errors(), until > 0, until));
                appInFlight += u.inFlight();
                errors += u.errors();
            }
            Map<String, Long> appResponses = new HashMap<>();
            long appRequests = 0;
            for (int i = 0; i < CLASSES.length; i++) {
                long n = app.responses[i].sum();
                responses[i] += n;
                appRequests += n;
                if (n > 0) {
                    appResponses.put(CLASSES[i], n);
                }
            }
            requests += appRequests;
            inFlight += appInFlight;
            queued += app.queued();
            apps.add(new RouterStats.AppStats(app.name.value(), app.balancing, appRequests, appInFlight, app.queued(),
                    appResponses, core.routing.domains(app.name), endpoints));
        }
        apps.sort(Comparator.comparing(RouterStats.AppStats::app));
        Map<String, Long> totals = new HashMap<>();
        for (int i = 0; i < CLASSES.length; i++) {
            if (responses[i] > 0) {
                totals.put(CLASSES[i], responses[i]);
            }
        }
        return new RouterStats(Instant.ofEpochMilli(nowMillis), core.transport, core.connections(), requests, inFlight,
                queued, errors, totals, apps);
    }
}
