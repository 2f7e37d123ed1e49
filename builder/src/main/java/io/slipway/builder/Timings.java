package io.slipway.builder;

import java.util.ArrayList;
import java.util.List;

/** How long each phase of one build took, for the operator's log. */
final class Timings {

    private final long start = System.nanoTime();
    private final List<String> phases = new ArrayList<>();
    private long last = start;

    /** Ends the phase called {@code name}: it lasted from the previous mark until now. */
    void mark(String name) {
        long now = System.nanoTime();
        phases.add(name + " " + (now - last) / 1_000_000 + " ms");
        last = now;
    }

    @Override
    public String toString() {
        return (System.nanoTime() - start) / 1_000_000 + " ms (" + String.join(", ", phases) + ")";
    }
}
