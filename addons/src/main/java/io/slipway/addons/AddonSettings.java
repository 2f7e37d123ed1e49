package io.slipway.addons;

import java.time.Duration;

/**
 * Limits add-on servers run under, and the timings of starting, checking and supervising them.
 *
 * @param stackImage   the run stack the images are built on
 * @param readyTimeout how long a new or restarted server has to accept connections
 * @param loopInterval how often the supervisor looks at every add-on's container
 */
public record AddonSettings(String stackImage, long memoryBytes, int cpuShares, long pidsLimit, Duration readyTimeout,
                            Duration stopGrace, Duration loopInterval, Duration maxBackoff) {

    public static AddonSettings defaults() {
        return new AddonSettings("slipway/stack-run:latest", 1L << 30, 1024, 1024, Duration.ofSeconds(120),
                Duration.ofSeconds(30), Duration.ofSeconds(2), Duration.ofSeconds(60));
    }

    public AddonSettings withLoopInterval(Duration interval) {
        return new AddonSettings(stackImage, memoryBytes, cpuShares, pidsLimit, readyTimeout, stopGrace, interval,
                maxBackoff);
    }
}
