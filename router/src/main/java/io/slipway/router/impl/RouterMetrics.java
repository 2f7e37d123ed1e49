package io.slipway.router.impl;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * The router's Micrometer meters, per app: requests by status class with a latency histogram,
 * requests in flight and queued, upstream errors by kind, ejections, retries. Meters are made
 * once per app and cached on its {@link AppRoute}, so a request costs no registry lookup.
 */
public final class RouterMetrics {

    private static final String[] CLASSES = {"other", "1xx", "2xx", "3xx", "4xx", "5xx"};

    private final MeterRegistry registry;
    private final AppMeters unknownHost;

    public RouterMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.unknownHost = new AppMeters("-", null);
    }

    /** The meters of {@code app}; those of requests for unknown hosts when it is null. */
    AppMeters of(AppRoute app) {
        if (app == null) {
            return unknownHost;
        }
        Object meters = app.meters;
        if (meters == null) {
            synchronized (app) {
                meters = app.meters;
                if (meters == null) {
                    meters = new AppMeters(app.name.value(), app);
                    app.meters = meters;
                }
            }
        }
        return (AppMeters) meters;
    }

    /** One app's meters. */
    final class AppMeters {

        private final String app;
        private final Timer[] requests = new Timer[CLASSES.length];
        private final Counter connectErrors;
        private final Counter timeoutErrors;
        private final Counter resetErrors;
        private final Counter ejections;
        private final Counter retries;

        private AppMeters(String app, AppRoute route) {
            this.app = app;
            this.connectErrors = errors("connect");
            this.timeoutErrors = errors("timeout");
            this.resetErrors = errors("reset");
            this.ejections = Counter.builder("slipway.router.ejections").tag("app", app)
                    .description("instances left out after refusing connections or timing out").register(registry);
            this.retries = Counter.builder("slipway.router.retries").tag("app", app)
                    .description("requests sent to another instance after a connection failure").register(registry);
            if (route != null) {
                Gauge.builder("slipway.router.in.flight", route, AppRoute::inFlight).tag("app", app)
                        .description("requests being served by the app's instances").strongReference(true)
                        .register(registry);
                Gauge.builder("slipway.router.queued", route, AppRoute::queued).tag("app", app)
                        .description("requests waiting for an instance under its concurrency cap")
                        .strongReference(true).register(registry);
            }
        }

        private Counter errors(String kind) {
            return Counter.builder("slipway.router.upstream.errors").tag("app", app).tag("kind", kind)
                    .description("failed exchanges with an instance").register(registry);
        }

        void request(int status, long nanos) {
            int statusClass = status / 100;
            int index = statusClass >= 1 && statusClass <= 5 ? statusClass : 0;
            Timer timer = requests[index];
            if (timer == null) {
                timer = Timer.builder("slipway.router.requests").tag("app", app).tag("status", CLASSES[index])
                        .description("requests answered, by status class, with their latency")
                        .publishPercentileHistogram()
                        .minimumExpectedValue(Duration.ofMillis(1))
                        .maximumExpectedValue(Duration.ofSeconds(60))
                        .register(registry);
                requests[index] = timer;
            }
            timer.record(nanos, TimeUnit.NANOSECONDS);
        }

        void connectError() {
            connectErrors.increment();
        }

        void timeoutError() {
            timeoutErrors.increment();
        }

        void resetError() {
            resetErrors.increment();
        }

        void ejection() {
            ejections.increment();
        }

        void retry() {
            retries.increment();
        }
    }
}
