package io.slipway.router.impl;

import io.slipway.core.AppName;
import io.slipway.core.Endpoint;
import io.slipway.core.InvalidInputException;
import io.slipway.core.Traffic;
import io.slipway.router.Balancing;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The live route table behind {@code RouteTable}: host names → apps → instances. Writers (event
 * listeners, admin commands) take this object's lock and publish new immutable host maps;
 * the request path only reads volatile fields.
 */
public final class Routing implements Traffic {

    private final String domain;
    private final String suffix;
    private final Map<AppName, AppRoute> apps = new ConcurrentHashMap<>();
    /** Every instance the router still tracks: routed ones and leaving ones with requests in flight. */
    private final Map<Endpoint, Upstream> upstreams = new HashMap<>();
    /** Custom domains and wildcards ({@code *.example.com}) to apps. */
    private final Map<String, AppRoute> custom = new HashMap<>();
    private volatile Map<String, AppRoute> exactHosts = Map.of();
    /** Wildcards by the suffix they cover: {@code example.com} for {@code *.example.com}. */
    private volatile Map<String, AppRoute> wildcardHosts = Map.of();

    public Routing(String domain) {
        this.domain = Domains.normalize(domain);
        this.suffix = "." + this.domain;
    }

    public String domain() {
        return domain;
    }

    /** The app {@code host} names, or null: exact names first, then the longest wildcard. */
    public AppRoute route(String host) {
        String name = Domains.normalize(host);
        if (name.isEmpty()) {
            return null;
        }
        AppRoute found = exactHosts.get(name);
        if (found != null) {
            return found;
        }
        Map<String, AppRoute> wildcards = wildcardHosts;
        if (!wildcards.isEmpty()) {
            for (int dot = name.indexOf('.'); dot >= 0; dot = name.indexOf('.', dot + 1)) {
                found = wildcards.get(name.substring(dot + 1));
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }

    public AppRoute app(AppName app) {
        return apps.get(app);
    }

    public Collection<AppRoute> apps() {
        return apps.values();
    }

    public synchronized void addApp(AppName app) {
        appRoute(app);
    }

    public synchronized void removeApp(AppName app) {
        AppRoute route = apps.remove(app);
        if (route == null) {
            return;
        }
        setUpstreams(route, List.of());
        route.domains.forEach(custom::remove);
        route.domains.clear();
        publishHosts();
    }

    public synchronized void setEndpoints(AppName app, List<Endpoint> live) {
        setUpstreams(appRoute(app), live);
    }

    public synchronized void addDomain(AppName app, String domain) {
        String name = Domains.checkCustom(domain, this.domain);
        AppRoute owner = custom.get(name);
        AppRoute route = appRoute(app);
        if (owner == route) {
            return;
        }
        if (owner != null) {
            throw new InvalidInputException("domain " + name + " is already used by app " + owner.name
                    + "; remove it there first (domains:remove " + owner.name + " " + name + ")");
        }
        custom.put(name, route);
        route.domains.add(name);
        publishHosts();
    }

    /**
     * Makes {@code domains} the app's complete set of custom domains; those that are malformed or
     * belong to another app are left out and returned, with the reason, the rest apply at once.
     */
    public synchronized Map<String, String> setDomains(AppName app, Collection<String> domains) {
        AppRoute route = appRoute(app);
        Map<String, String> refused = new LinkedHashMap<>();
        List<String> next = new ArrayList<>();
        for (String domain : domains) {
            try {
                String name = Domains.checkCustom(domain, this.domain);
                AppRoute owner = custom.get(name);
                if (owner != null && owner != route) {
                    refused.put(domain, "already used by app " + owner.name);
                } else if (!next.contains(name)) {
                    next.add(name);
                }
            } catch (InvalidInputException e) {
                refused.put(domain, e.getMessage());
            }
        }
        route.domains.forEach(custom::remove);
        route.domains.clear();
        for (String name : next) {
            custom.put(name, route);
            route.domains.add(name);
        }
        publishHosts();
        return refused;
    }

    /** True when the app had the domain. */
    public synchronized boolean removeDomain(AppName app, String domain) {
        String name = Domains.normalize(domain == null ? "" : domain.strip());
        AppRoute route = apps.get(app);
        if (route == null || custom.get(name) != route) {
            return false;
        }
        custom.remove(name);
        route.domains.remove(name);
        publishHosts();
        return true;
    }

    public synchronized List<String> domains(AppName app) {
        AppRoute route = apps.get(app);
        return route == null ? List.of() : List.copyOf(route.domains);
    }

    public synchronized void setBalancing(AppName app, Balancing balancing) {
        appRoute(app).balancing = balancing;
    }

    public synchronized void setMaxBodySize(AppName app, long bytes) {
        if (bytes < 0) {
            throw new IllegalArgumentException("body size limit must not be negative: " + bytes);
        }
        appRoute(app).maxBodySize = bytes;
    }

    public synchronized void setFirstByteTimeout(AppName app, Duration timeout) {
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("first-byte timeout must be positive: " + timeout);
        }
        appRoute(app).firstByteTimeoutMillis = timeout.toMillis();
    }

    public synchronized void setRedirectToHttps(AppName app, boolean redirect) {
        appRoute(app).redirectToHttps = redirect;
    }

    /** All of an app's settings at once; a negative size or a zero timeout is the router's default. */
    public synchronized void setOptions(AppName app, Balancing balancing, long maxBodySize, long firstByteTimeoutMillis,
                                        boolean redirectToHttps, boolean sessionAffinity) {
        AppRoute route = appRoute(app);
        route.balancing = balancing;
        route.maxBodySize = maxBodySize < 0 ? -1 : maxBodySize;
        route.firstByteTimeoutMillis = firstByteTimeoutMillis <= 0 ? -1 : firstByteTimeoutMillis;
        route.redirectToHttps = redirectToHttps;
        route.sessionAffinity = sessionAffinity;
    }

    /** The instance {@code route}'s balancer would choose now, without counting a request. */
    public Endpoint peek(AppRoute route) {
        Upstream upstream = route.pick(Integer.MAX_VALUE, null);
        if (upstream == null) {
            return null;
        }
        upstream.release();
        return upstream.endpoint;
    }

    @Override
    public CompletableFuture<Void> drained(Endpoint endpoint, Duration max) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        synchronized (this) {
            Upstream upstream = upstreams.get(endpoint);
            if (upstream == null) {
                return CompletableFuture.completedFuture(null);
            }
            upstream.drainWaiters.add(done);
            if (!upstream.routed && upstream.inFlight() == 0) {
                drainedOut(upstream);
            }
        }
        return done.completeOnTimeout(null, Math.max(0, max.toMillis()), TimeUnit.MILLISECONDS);
    }

    /** Called when the last request to an instance that left the routes has ended. */
    synchronized void drainedOut(Upstream upstream) {
        if (upstream.routed || upstream.inFlight() != 0) {
            return;
        }
        if (upstreams.get(upstream.endpoint) == upstream) {
            upstreams.remove(upstream.endpoint);
        }
        upstream.drainWaiters.forEach(w -> w.complete(null));
        upstream.drainWaiters.clear();
    }

    private AppRoute appRoute(AppName app) {
        AppRoute route = apps.get(app);
        if (route == null) {
            route = new AppRoute(app);
            apps.put(app, route);
            publishHosts();
        }
        return route;
    }

    private void setUpstreams(AppRoute route, List<Endpoint> live) {
        Set<Upstream> next = new LinkedHashSet<>();
        for (Endpoint endpoint : live) {
            Upstream upstream = upstreams.get(endpoint);
            if (upstream == null || upstream.app != route) {
                upstream = new Upstream(route, endpoint, this);
                upstreams.put(endpoint, upstream);
            }
            upstream.routed = true;
            next.add(upstream);
        }
        Upstream[] previous = route.upstreams;
        route.upstreams = next.isEmpty() ? AppRoute.NONE : next.toArray(new Upstream[0]);
        for (Upstream old : previous) {
            if (!next.contains(old)) {
                old.routed = false;
                drainedOut(old);
            }
        }
    }

    private void publishHosts() {
        Map<String, AppRoute> exact = new HashMap<>();
        Map<String, AppRoute> wildcards = new HashMap<>();
        for (AppRoute route : apps.values()) {
            exact.put(route.name.value().toLowerCase(Locale.ROOT) + suffix, route);
        }
        custom.forEach((name, route) -> {
            if (name.startsWith("*.")) {
                wildcards.put(name.substring(2), route);
            } else {
                exact.putIfAbsent(name, route);
            }
        });
        exactHosts = Map.copyOf(exact);
        wildcardHosts = Map.copyOf(wildcards);
    }

    /** Instances still tracked, for stats. */
    synchronized List<Upstream> tracked() {
        return new ArrayList<>(upstreams.values());
    }
}
