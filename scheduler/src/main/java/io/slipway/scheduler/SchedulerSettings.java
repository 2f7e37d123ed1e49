package io.slipway.scheduler;

import io.slipway.core.HostCaBundle;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * Limits instances run under, the timings of starting, checking and stopping them, the CA
 * bundle buildpack apps trust ({@link HostCaBundle}, empty: their stack's own), and the port the
 * router serves HTTPS on (-1: none), which instances get as {@code SLIPWAY_HTTPS_PORT}.
 */
public record SchedulerSettings(long memoryBytes, int cpuShares, long pidsLimit, Duration bootTimeout,
                                Duration stopGrace, Duration workerUptime, Duration drainTimeout, Duration loopInterval,
                                Optional<Path> caBundle, int httpsPort) {

    public static SchedulerSettings defaults() {
        return new SchedulerSettings(512L << 20, 1024, 1024, Duration.ofSeconds(60), Duration.ofSeconds(10),
                Duration.ofSeconds(3), Duration.ofSeconds(30), Duration.ofSeconds(2),
                // Mounted as it is: the apps' user must be able to read it.
                HostCaBundle.find().filter(HostCaBundle::readableByAll), -1);
    }

    public SchedulerSettings withBootTimeout(Duration timeout) {
        return new SchedulerSettings(memoryBytes, cpuShares, pidsLimit, timeout, stopGrace, workerUptime, drainTimeout,
                loopInterval, caBundle, httpsPort);
    }

    public SchedulerSettings withHttpsPort(int port) {
        return new SchedulerSettings(memoryBytes, cpuShares, pidsLimit, bootTimeout, stopGrace, workerUptime,
                drainTimeout, loopInterval, caBundle, port);
    }
}
