package io.slipway.builder;

import io.slipway.core.HostCaBundle;
import java.nio.file.Path;
import java.util.Optional;

/** Where the builder finds its stacks and how much a build may take. */
public record BuildSettings(String buildImage, String runImage, Path tempDir, long memoryBytes,
                            long timeoutSeconds, Optional<Path> caBundle) {

    public static BuildSettings defaults(Path tempDir) {
        return new BuildSettings("slipway/stack-build:latest", "slipway/stack-run:latest", tempDir,
                4L << 30, 15 * 60, HostCaBundle.find());
    }
}
