package io.slipway.builder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.dockerjava.api.DockerClient;
import io.slipway.core.BuildFailedException;
import io.slipway.core.PushLog;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The detect phase in a real build container: every detect of an order runs in one exec, with
 * the lifecycle's environment (platform vars unless clear-env, CNB_* for CNB buildpacks), and
 * the first group that passes and resolves wins.
 */
class DetectorIT {

    static DockerClient docker;
    static BuildContainer container;
    static String volume;

    static final Buildpack NEEDS_ENV = cnb("test/needs-env", false);
    static final Buildpack CLEAR = cnb("test/clear", true);
    static final Buildpack BROKEN = cnb("test/broken", false);
    static final Buildpack NEVER = cnb("test/never", false);
    static final Buildpack CLASSIC = Buildpack.classic("test/classic");
    static final Map<String, Buildpack> ALL = Map.of(NEEDS_ENV.id(), NEEDS_ENV, CLEAR.id(), CLEAR, BROKEN.id(), BROKEN,
            NEVER.id(), NEVER, CLASSIC.id(), CLASSIC);

    @BeforeAll
    static void start() throws IOException {
        docker = TestDocker.connect();
        volume = "slipway-it-detector-" + UUID.randomUUID().toString().substring(0, 8);
        container = BuildContainer.start(docker, "slipway/stack-build:latest", volume, volume, Map.of(),
                1L << 30, Map.of("io.slipway.role", "test"));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = Tars.open(bytes)) {
            detect(tar, NEEDS_ENV, """
                    [ "$GREETING" = hello ] && [ "$CNB_BUILDPACK_DIR" = /cnb/buildpacks/test_needs-env ] || exit 100
                    [ -f "$CNB_BUILD_PLAN_PATH" ] && [ "$2" = "$CNB_BUILD_PLAN_PATH" ] || exit 100
                    printf '[[provides]]\\nname = "greeting"\\n[[requires]]\\nname = "greeting"\\n' > "$2"
                    """);
            detect(tar, CLEAR, "[ -z \"${GREETING:-}\" ] || exit 100\n");
            detect(tar, BROKEN, "echo boom; exit 3\n");
            detect(tar, NEVER, "exit 100\n");
            detect(tar, CLASSIC, "[ \"$1\" = /workspace ] && [ \"$GREETING\" = hello ] && [ -z \"${CNB_BUILDPACK_DIR:-}\" ]\n");
        }
        container.copyIn(new ByteArrayInputStream(bytes.toByteArray()), "/");
    }

    @AfterAll
    static void stop() {
        if (container != null) {
            container.close();
            docker.removeVolumeCmd(volume).exec();
        }
    }

    @Test
    void firstGroupThatPassesAndResolvesWins() {
        Detector detector = new Detector(container, Map.of("GREETING", "hello"), 60);
        BuildPlan.Resolved resolved = detector.detect(List.of(List.of(entry(BROKEN)), List.of(entry(NEVER)),
                List.of(entry(NEEDS_ENV), entry(CLEAR))), ALL::get, PushLog.NOTHING, () -> "none");
        assertThat(resolved.group()).containsExactly(NEEDS_ENV, CLEAR);
        assertThat(resolved.entries()).hasSize(1);
    }

    @Test
    void clearEnvBuildpackDoesNotSeeThePlatformVariables() {
        assertThatThrownBy(() -> new Detector(container, Map.of(), 60).detect(List.of(List.of(entry(NEEDS_ENV))),
                ALL::get, PushLog.NOTHING, () -> "nothing detected")).isInstanceOf(BuildFailedException.class)
                .hasMessageContaining("nothing detected");
        BuildPlan.Resolved clear = new Detector(container, Map.of("GREETING", "hello"), 60)
                .detect(List.of(List.of(entry(CLEAR), new OrderEntry(NEVER.id(), true))), ALL::get, PushLog.NOTHING,
                        () -> "none");
        assertThat(clear.group()).containsExactly(CLEAR);
    }

    @Test
    void classicBuildpackDetectsWithThePlatformVariables() {
        BuildPlan.Resolved resolved = new Detector(container, Map.of("GREETING", "hello"), 60)
                .detect(List.of(List.of(entry(CLASSIC))), ALL::get, PushLog.NOTHING, () -> "none");
        assertThat(resolved.group()).containsExactly(CLASSIC);
    }

    @Test
    void detectThatErrorsIsReportedWithItsOutputWhenNothingPasses() {
        Detector detector = new Detector(container, Map.of(), 60);
        assertThatThrownBy(() -> detector.detect(List.of(List.of(entry(BROKEN)), List.of(entry(NEVER))), ALL::get,
                PushLog.NOTHING, () -> "none")).isInstanceOf(BuildFailedException.class)
                .hasMessageContaining("test/broken: bin/detect exited 3: boom");
    }

    private static OrderEntry entry(Buildpack buildpack) {
        return new OrderEntry(buildpack.id(), false);
    }

    private static Buildpack cnb(String id, boolean clearEnv) {
        return new Buildpack(id, "1.0.0", "0.10", Buildpack.Kind.CNB, clearEnv, List.of());
    }

    private static void detect(TarArchiveOutputStream tar, Buildpack buildpack, String body) throws IOException {
        Tars.file(tar, buildpack.containerDir().substring(1) + "/bin/detect",
                ("#!/usr/bin/env bash\n" + body).getBytes(StandardCharsets.UTF_8), 0755, 0);
    }
}
