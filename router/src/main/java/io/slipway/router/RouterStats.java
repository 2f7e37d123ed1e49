package io.slipway.router;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The router's live figures at one moment (fae-style), for {@code GET /stats} on the admin port:
 * totals, then per app its instances with requests in flight, totals, errors, and ejection.
 * Response counts are keyed by status class ({@code 2xx} ...); {@code transport} is the network
 * transport under the event loops ({@code io_uring}, {@code epoll}, {@code nio}).
 */
public record RouterStats(Instant at, String transport, int connections, long requests, int inFlight, int queued, long errors,
                          Map<String, Long> responses, List<AppStats> apps) {

    public RouterStats {
        responses = Map.copyOf(responses);
        apps = List.copyOf(apps);
    }

    /** One app. */
    public record AppStats(String app, Balancing balancing, long requests, int inFlight, int queued,
                           Map<String, Long> responses, List<String> domains, List<EndpointStats> endpoints) {

        public AppStats {
            responses = Map.copyOf(responses);
            domains = List.copyOf(domains);
            endpoints = List.copyOf(endpoints);
        }
    }

    /**
     * One instance. {@code routed} is false while it drains after leaving the routes;
     * {@code ejectedUntilMillis} (epoch milliseconds) is 0 unless it is ejected.
     */
    public record EndpointStats(String instance, String address, boolean routed, int inFlight, long requests,
                                long errors, boolean ejected, long ejectedUntilMillis) {
    }

    public JsonObject toJson() {
        JsonArray appsJson = new JsonArray();
        for (AppStats app : apps) {
            JsonArray endpoints = new JsonArray();
            for (EndpointStats e : app.endpoints()) {
                endpoints.add(new JsonObject()
                        .put("instance", e.instance())
                        .put("address", e.address())
                        .put("routed", e.routed())
                        .put("in_flight", e.inFlight())
                        .put("requests", e.requests())
                        .put("errors", e.errors())
                        .put("ejected", e.ejected())
                        .put("ejected_until", e.ejected() ? Instant.ofEpochMilli(e.ejectedUntilMillis()).toString()
                                : null));
            }
            appsJson.add(new JsonObject()
                    .put("app", app.app())
                    .put("balancing", app.balancing().name().toLowerCase())
                    .put("requests", app.requests())
                    .put("in_flight", app.inFlight())
                    .put("queued", app.queued())
                    .put("responses", counts(app.responses()))
                    .put("domains", new JsonArray(app.domains()))
                    .put("endpoints", endpoints));
        }
        return new JsonObject()
                .put("at", at.toString())
                .put("transport", transport)
                .put("connections", connections)
                .put("requests", requests)
                .put("in_flight", inFlight)
                .put("queued", queued)
                .put("errors", errors)
                .put("responses", counts(responses))
                .put("apps", appsJson);
    }

    private static JsonObject counts(Map<String, Long> counts) {
        JsonObject json = new JsonObject();
        counts.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> json.put(e.getKey(), e.getValue()));
        return json;
    }
}
