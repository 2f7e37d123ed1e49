package io.slipway.router.bench;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.slipway.core.AppName;
import io.slipway.core.Endpoint;
import io.slipway.core.event.EventBus;
import io.slipway.router.IoTransport;
import io.slipway.router.RouteTable;
import io.slipway.router.Router;
import io.slipway.router.RouterSettings;
import io.vertx.core.Vertx;
import java.util.List;
import org.slf4j.LoggerFactory;

/**
 * The router alone in front of one upstream, for {@code scripts/bench-router}: app {@code bench}
 * at {@code bench.localhost}. Arguments: listen port, upstream host, upstream port, and optionally
 * the number of event loops (default: one per core). Prints one line {@code router ready PORT MS}
 * once it listens, then runs until killed. As in the daemon: the transport {@code auto} picks
 * (or {@code -Dbench.transport=io_uring|epoll|nio}), a Prometheus registry for the meters, and the
 * daemon's logging when its classes are on the class path, with the access log off: nginx's is off
 * too in the comparison.
 */
public final class BenchRouter {

    private BenchRouter() {
    }

    public static void main(String[] args) {
        long started = System.nanoTime();
        ((Logger) LoggerFactory.getLogger("slipway.access")).setLevel(Level.OFF);
        int port = Integer.parseInt(args[0]);
        String upstreamHost = args[1];
        int upstreamPort = Integer.parseInt(args[2]);
        int loops = args.length > 3 ? Integer.parseInt(args[3]) : Runtime.getRuntime().availableProcessors();
        IoTransport transport = IoTransport.parse(System.getProperty("bench.transport", "auto")).resolve();
        Vertx vertx = transport.vertx(loops);
        RouteTable routes = new RouteTable("localhost");
        routes.setEndpoints(AppName.of("bench"), List.of(new Endpoint("web.1", upstreamHost, upstreamPort)));
        Router router = Router.start(vertx, RouterSettings.of("127.0.0.1", port).withEventLoops(loops), routes,
                new EventBus(), new PrometheusMeterRegistry(PrometheusConfig.DEFAULT)).await();
        System.out.println("router ready " + router.port() + " " + (System.nanoTime() - started) / 1_000_000 + "ms"
                + " " + transport.label());
    }
}
