package io.slipway.builder;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.DockerClient;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Each bundled buildpack's own detect tests: its {@code bin/detect} run in a real build
 * container on every fixture under {@code buildpacks/NAME/test/detect/pass|fail/CASE}.
 */
class BundledBuildpacksIT {

    static final Path BUILDPACKS = Path.of(System.getProperty("slipway.root", "..")).resolve("buildpacks");
    static DockerClient docker;
    static BuildContainer container;
    static String volume;

    @BeforeAll
    static void start() {
        docker = TestDocker.connect();
        volume = "slipway-it-detect-" + UUID.randomUUID().toString().substring(0, 8);
        container = BuildContainer.start(docker, "slipway/stack-build:latest", volume, volume, Map.of(),
                1L << 30, Map.of("io.slipway.role", "test"));
    }

    @AfterAll
    static void stop() {
        if (container != null) {
            container.close();
            docker.removeVolumeCmd(volume).exec();
        }
    }

    @TestFactory
    Stream<DynamicTest> detectPassesAndFailsOnEachFixture() throws IOException {
        List<DynamicTest> tests = new ArrayList<>();
        BundledBuildpacks bundled = BundledBuildpacks.load(BUILDPACKS);
        for (Buildpack buildpack : bundled.all()) {
            Path dir = bundled.dir(buildpack.id());
            copy(dir, buildpack.containerDir().substring(1), 0);
            for (String outcome : List.of("pass", "fail")) {
                Path cases = dir.resolve("test/detect").resolve(outcome);
                if (!Files.isDirectory(cases)) {
                    continue;
                }
                try (Stream<Path> list = Files.list(cases)) {
                    for (Path fixture : list.sorted().toList()) {
                        tests.add(DynamicTest.dynamicTest(buildpack.id() + " " + outcome + " " + fixture.getFileName(),
                                () -> assertThat(detect(buildpack, fixture)).as(fixture.toString())
                                        .isEqualTo(outcome.equals("pass") ? 0 : 100)));
                    }
                }
            }
        }
        assertThat(tests).as("detect fixtures under buildpacks/*/test/detect").isNotEmpty();
        return tests.stream();
    }

    private static int detect(Buildpack buildpack, Path fixture) throws IOException {
        container.capture(List.of("sh", "-c", "rm -rf /workspace/* /workspace/.[!.]* /tmp/plan.toml; : > /tmp/plan.toml"),
                BuildContainer.USER);
        copy(fixture, "workspace", 1000);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        return container.exec(List.of(buildpack.containerDir() + "/bin/detect", "/platform", "/tmp/plan.toml"),
                BuildContainer.USER, Map.of("CNB_BUILDPACK_DIR", buildpack.containerDir(),
                        "CNB_BUILD_PLAN_PATH", "/tmp/plan.toml", "CNB_PLATFORM_DIR", "/platform"), out::writeBytes, 60);
    }

    private static void copy(Path dir, String prefix, int uid) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = Tars.open(bytes)) {
            Tars.tree(tar, dir, prefix, uid);
        }
        container.copyIn(new ByteArrayInputStream(bytes.toByteArray()), "/");
    }
}
