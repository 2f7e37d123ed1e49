package io.slipway.builder;

import io.slipway.core.HostCaBundle;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Where the builder finds its stacks and how much a build may take.
 *
 * The owner ({@link #owner()}) labels this daemon's build containers.
 */
public record BuildSettings(String buildImage, String runImage, Path tempDir, long memoryBytes,
                            long timeoutSeconds, Optional<Path> caBundle) {

    public static BuildSettings defaults(Path tempDir) {
        return new BuildSettings("slipway/stack-build:latest", "slipway/stack-run:latest", tempDir,
                4L << 30, 15 * 60, HostCaBundle.find());
    }

    /**
     * What this daemon's build containers are labelled with: its temp directory, inside its data
     * directory. A daemon removes only its own leftovers, never the builds of another daemon on the
     * same engine.
     */
    public String owner() {
        return tempDir.toAbsolutePath().normalize().toString();
    }
}
