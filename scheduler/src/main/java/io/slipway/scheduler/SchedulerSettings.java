package io.slipway.scheduler;

import java.time.Duration;

/** Limits every instance runs under, and how long a new instance may take to answer. */
public record SchedulerSettings(long memoryBytes, int cpuShares, long pidsLimit, Duration bootTimeout,
                                Duration stopGrace) {

    public static SchedulerSettings defaults() {
        return new SchedulerSettings(512L << 20, 1024, 1024, Duration.ofSeconds(60), Duration.ofSeconds(10));
    }

    public SchedulerSettings withBootTimeout(Duration timeout) {
        return new SchedulerSettings(memoryBytes, cpuShares, pidsLimit, timeout, stopGrace);
    }
}
