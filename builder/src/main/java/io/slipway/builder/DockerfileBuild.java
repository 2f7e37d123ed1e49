package io.slipway.builder;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.BuildImageResultCallback;
import com.github.dockerjava.api.exception.DockerClientException;
import com.github.dockerjava.api.model.BuildResponseItem;
import com.github.dockerjava.api.model.ExposedPort;
import io.slipway.core.AppManifest;
import io.slipway.core.BuildFailedException;
import io.slipway.core.PushLog;
import io.slipway.core.SourceTree;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** An app with a Dockerfile and no buildpack asked for: the engine builds it as it is. */
final class DockerfileBuild {

    /** The image, and the port its web process listens on ({@code EXPOSE}, else 5000). */
    record Result(String image, int port) {
    }

    private static final Pattern FROM_STEP = Pattern.compile(
            "^Step \\d+/\\d+ : FROM\\s+(?:--platform=\\S+\\s+)?(\\S+)", Pattern.CASE_INSENSITIVE);
    /** What the engine says when it cannot pull an image. */
    private static final Pattern PULL_FAILED = Pattern.compile(
            "registry|pull access denied|manifest unknown|no such host|not found|repository does not exist"
                    + "|connection refused|i/o timeout|TLS handshake", Pattern.CASE_INSENSITIVE);

    private final DockerClient docker;
    private final Path tempDir;

    DockerfileBuild(DockerClient docker, Path tempDir) {
        this.docker = docker;
        this.tempDir = tempDir;
    }

    /**
     * Builds the Dockerfile; empty when its base image is out of reach and the app has what a
     * bundled buildpack builds from. Many repositories carry a Dockerfile for local use next to
     * it (Heroku ignores the Dockerfile): the buildpacks then build the app, and the push says why.
     */
    Optional<Result> buildUnlessOutOfReach(SourceTree source, List<String> excludes, String tag,
                                           Map<String, String> labels, long timeout, PushLog log) {
        try {
            return Optional.of(build(source, excludes, tag, labels, timeout, log));
        } catch (BaseImageUnavailable e) {
            // Not for an app that has been built from its Dockerfile before: its image would change
            // kind because a registry was out of reach for a while.
            if (!e.buildpackMayBuild || builtFromDockerfileBefore(labels.get("io.slipway.app"))) {
                throw e;
            }
            log.info("WARNING: " + e.getMessage() + ". The app also has what a buildpack builds from: building it"
                    + " with the buildpacks instead, as Heroku would. To build the Dockerfile, make its base image"
                    + " available; to choose the buildpack, config:set APP BUILDPACK_URL=...");
            return Optional.empty();
        }
    }

    /**
     * Whether a release image of {@code app} on this engine was built from a Dockerfile: it has a
     * release label and no launcher (a buildpack build's says "cnb"; its dependency images have no
     * release label).
     */
    private boolean builtFromDockerfileBefore(String app) {
        return docker.listImagesCmd().withLabelFilter(Map.of("io.slipway.app", app)).exec().stream()
                .map(image -> image.getLabels() == null ? Map.<String, String>of() : image.getLabels())
                .anyMatch(labels -> labels.containsKey("io.slipway.release") && !labels.containsKey("io.slipway.launcher"));
    }

    Result build(SourceTree source, List<String> excludes, String tag, Map<String, String> labels, long timeout,
                 PushLog log) {
        log.step("Building with the Dockerfile");
        Path context = null;
        io.slipway.core.LineBuffer lines = new io.slipway.core.LineBuffer(log::line);
        StringBuilder error = new StringBuilder();
        StringBuilder from = new StringBuilder(); // the image, while the step being built is a FROM
        try {
            context = Files.createTempFile(tempDir, "dockerfile", ".tar");
            try (OutputStream out = Files.newOutputStream(context)) {
                source.writeTar(out, 0, 0, excludes);
            }
            try (InputStream in = Files.newInputStream(context)) {
                docker.buildImageCmd(in).withTags(Set.of(tag)).withLabels(labels).withPull(false).withForcerm(true)
                        .exec(new BuildImageResultCallback() {
                            @Override
                            public void onNext(BuildResponseItem item) {
                                if (item.getStream() != null) {
                                    lines.accept(item.getStream().getBytes(java.nio.charset.StandardCharsets.UTF_8));
                                    if (item.getStream().startsWith("Step ")) {
                                        // Only a failure in a FROM step is a pull failure.
                                        Matcher step = FROM_STEP.matcher(item.getStream());
                                        from.setLength(0);
                                        from.append(step.find() ? step.group(1) : "");
                                    }
                                }
                                if (item.getErrorDetail() != null) {
                                    error.append(item.getErrorDetail().getMessage());
                                }
                                super.onNext(item);
                            }
                        }).awaitImageId(timeout, TimeUnit.SECONDS);
            }
        } catch (DockerClientException e) {
            lines.flush();
            String reason = error.length() > 0 ? error.toString() : e.getMessage();
            if (from.length() > 0 && PULL_FAILED.matcher(reason).find()) {
                boolean buildpackMayBuild = PackageFiles.buildpackFor(source).isPresent();
                throw new BaseImageUnavailable("the Dockerfile's base image " + from + " (its FROM) could not be"
                        + " pulled: the engine cannot reach its registry, or the image is not there (" + reason.trim()
                        + "). Make the image available to the engine (docker pull, or docker load on the host), or"
                        + " build FROM an image it has" + (buildpackMayBuild ? "" : buildpackInstead(source)),
                        buildpackMayBuild);
            }
            throw new BuildFailedException("build", "docker build failed: " + reason + buildpackInstead(source));
        } catch (IOException e) {
            throw new BuildFailedException("build", "cannot send the build context: " + e.getMessage());
        } finally {
            lines.flush();
            if (context != null) {
                context.toFile().delete();
            }
        }
        return new Result(tag, exposedPort(tag));
    }

    /** The Dockerfile could not be built because its base image could not be pulled. */
    static final class BaseImageUnavailable extends BuildFailedException {

        /** Whether the app has a package file a bundled buildpack builds from. */
        final boolean buildpackMayBuild;

        BaseImageUnavailable(String message, boolean buildpackMayBuild) {
            super("build", message);
            this.buildpackMayBuild = buildpackMayBuild;
        }
    }

    /**
     * For a Dockerfile build that failed: the bundled buildpack that would build the app from its
     * package file instead (Heroku ignores the Dockerfile), as a sentence; empty when none would.
     */
    private static String buildpackInstead(SourceTree source) {
        return PackageFiles.buildpackOrSiteFor(source).map(file -> ". The app also has " + file.getKey()
                + ": config:set APP BUILDPACK_URL=slipway/" + file.getValue()
                + " builds it with that buildpack instead of the Dockerfile").orElse("");
    }

    /** The lowest TCP port the image exposes. */
    private int exposedPort(String image) {
        var config = docker.inspectImageCmd(image).exec().getConfig();
        ExposedPort[] ports = config == null ? null : config.getExposedPorts();
        if (ports == null || ports.length == 0) {
            return AppManifest.DEFAULT_PORT;
        }
        return Arrays.stream(ports).filter(p -> p.getProtocol() == com.github.dockerjava.api.model.InternetProtocol.TCP)
                .map(ExposedPort::getPort).min(Comparator.naturalOrder()).orElse(AppManifest.DEFAULT_PORT);
    }
}
