package io.slipway.router;

import io.slipway.core.AppName;
import io.slipway.core.Endpoint;
import io.slipway.core.RouterOptions;
import io.slipway.core.Traffic;
import io.slipway.core.event.AppCreated;
import io.slipway.core.event.AppRemoved;
import io.slipway.core.event.DomainsChanged;
import io.slipway.core.event.EventBus;
import io.slipway.core.event.RouterOptionsChanged;
import io.slipway.core.event.RoutesChanged;
import io.slipway.router.impl.AppRoute;
import io.slipway.router.impl.Routing;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Host → app → live instances, changed live by scheduler events and admin commands; the request
 * path never waits for a writer. An app answers at {@code APP.DOMAIN}, at each of its custom
 * domains, and under each of its wildcards ({@code *.example.com}), case-insensitively, whatever
 * the port. Exact names win over wildcards; among wildcards the longest wins.
 *
 * <p>It is also the router's {@link Traffic}: it counts the requests in flight to each instance,
 * so the scheduler can wait for an instance to drain before it stops it.
 */
public final class RouteTable implements Traffic {

    private static final Logger log = LoggerFactory.getLogger(RouteTable.class);

    private final Routing routing;

    public RouteTable(String domain) {
        this.routing = new Routing(domain);
    }

    /**
     * Keeps the table current from the event bus: apps created and removed, their live instances
     * ({@link RoutesChanged}), their custom domains ({@link DomainsChanged}) and the settings
     * they chose ({@link RouterOptionsChanged}).
     */
    public RouteTable listenTo(EventBus events) {
        events.subscribe(AppCreated.class, e -> addApp(e.app()));
        events.subscribe(AppRemoved.class, e -> removeApp(e.app()));
        events.subscribe(RoutesChanged.class, e -> setEndpoints(e.app(), e.endpoints()));
        events.subscribe(DomainsChanged.class, e -> setDomains(e.app(), e.domains()).forEach((domain, reason) ->
                log.warn("not routing {} to {}: {}", domain, e.app(), reason)));
        events.subscribe(RouterOptionsChanged.class, e -> setOptions(e.app(), e.options()));
        return this;
    }

    public void addApp(AppName app) {
        routing.addApp(app);
    }

    /** Forgets the app, its domains and settings; requests in flight finish. */
    public void removeApp(AppName app) {
        routing.removeApp(app);
    }

    /**
     * Replaces the app's live instances. Requests in flight to an instance that left finish; no
     * new request goes to it ({@link #drained} says when it is idle).
     */
    public void setEndpoints(AppName app, List<Endpoint> live) {
        routing.setEndpoints(app, live);
    }

    /**
     * Routes {@code domain} ({@code www.example.com}, or {@code *.example.com} for every name
     * under it) to {@code app}.
     *
     * @throws io.slipway.core.InvalidInputException when the domain is malformed, lies under the
     *         platform domain, or belongs to another app
     */
    public void addDomain(AppName app, String domain) {
        routing.addDomain(app, domain);
    }

    /**
     * Makes {@code domains} the app's complete set of custom and wildcard domains. Those that are
     * malformed or belong to another app are left out: returned with the reason, in order.
     */
    public Map<String, String> setDomains(AppName app, Collection<String> domains) {
        return routing.setDomains(app, domains);
    }

    /** Stops routing {@code domain} to {@code app}; false when the app did not have it. */
    public boolean removeDomain(AppName app, String domain) {
        return routing.removeDomain(app, domain);
    }

    /** The app's custom and wildcard domains, normalized, in the order they were added. */
    public List<String> domains(AppName app) {
        return routing.domains(app);
    }

    public void setBalancing(AppName app, Balancing balancing) {
        routing.setBalancing(app, balancing);
    }

    /** Largest request body the app accepts, in bytes; beyond it the client gets 413. */
    public void setMaxBodySize(AppName app, long bytes) {
        routing.setMaxBodySize(app, bytes);
    }

    /** How long the app's instances have to send the first byte of a response before a 504. */
    public void setFirstByteTimeout(AppName app, Duration timeout) {
        routing.setFirstByteTimeout(app, timeout);
    }

    /** Whether plain HTTP requests to the app are redirected to HTTPS (when HTTPS is on). */
    public void setRedirectToHttps(AppName app, boolean redirect) {
        routing.setRedirectToHttps(app, redirect);
    }

    /**
     * Applies the settings an app chose, all at once; those it did not choose go back to the
     * router's defaults.
     */
    public void setOptions(AppName app, RouterOptions options) {
        routing.setOptions(app, options.roundRobin() ? Balancing.ROUND_ROBIN : Balancing.LEAST_OUTSTANDING,
                options.maxBodySize(), options.firstByteTimeout().toMillis(), options.redirectToHttps(),
                options.sessionAffinity());
    }

    /** The app a {@code Host} header names, if it is one of ours. */
    public Optional<AppName> resolve(String host) {
        AppRoute route = routing.route(host);
        return route == null ? Optional.empty() : Optional.of(route.name());
    }

    /**
     * The instance the balancer would choose now for {@code app} (healthy ones only); empty when
     * none is live. For inspection and tests: it does not count a request.
     */
    public Optional<Endpoint> pick(AppName app) {
        AppRoute route = routing.app(app);
        Endpoint picked = route == null ? null : routing.peek(route);
        return Optional.ofNullable(picked);
    }

    @Override
    public CompletableFuture<Void> drained(Endpoint endpoint, Duration max) {
        return routing.drained(endpoint, max);
    }

    Routing routing() {
        return routing;
    }
}
