package io.slipway.scheduler;

import java.time.Duration;

/** Limits instances run under, and the timings of starting, checking and stopping them. */
public record SchedulerSettings(long memoryBytes, int cpuShares, long pidsLimit, Duration bootTimeout,
                                Duration stopGrace, Duration workerUptime, Duration drainTimeout, Duration loopInterval) {

    public static SchedulerSettings defaults() {
        return new SchedulerSettings(512L << 20, 1024, 1024, Duration.ofSeconds(60), Duration.ofSeconds(10),
                Duration.ofSeconds(3), Duration.ofSeconds(30), Duration.ofSeconds(2));
    }

    public SchedulerSettings withBootTimeout(Duration timeout) {
        return new SchedulerSettings(memoryBytes, cpuShares, pidsLimit, timeout, stopGrace, workerUptime, drainTimeout,
                loopInterval);
    }
}
