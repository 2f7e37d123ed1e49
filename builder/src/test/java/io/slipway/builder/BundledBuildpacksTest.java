package io.slipway.builder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import io.slipway.core.SlipwayException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BundledBuildpacksTest {

    private static final String ORDER = """
            [[order]]
            [[order.group]]
            id = "slipway/nodejs"
            [[order.group]]
            id = "slipway/procfile"
            optional = true

            [[order]]
            [[order.group]]
            id = "slipway/procfile"
            """;

    @TempDir
    Path dir;

    @Test
    void loadReadsEveryBuildpackAndTheOrder() throws IOException {
        Path nodejs = buildpack("nodejs", "slipway/nodejs", "0.10", "1.2.3");
        Path procfile = buildpack("procfile", "slipway/procfile", "0.12", null);
        Files.createDirectories(dir.resolve("not-a-buildpack"));
        Files.writeString(dir.resolve("README.md"), "# notes");
        Files.writeString(dir.resolve("order.toml"), ORDER);

        BundledBuildpacks buildpacks = BundledBuildpacks.load(dir);

        assertThat(buildpacks.ids()).containsExactly("slipway/nodejs", "slipway/procfile");
        assertThat(buildpacks.get("slipway/nodejs"))
                .isEqualTo(new Buildpack("slipway/nodejs", "1.2.3", "0.10", Buildpack.Kind.CNB, false, List.of()));
        assertThat(buildpacks.dir("slipway/nodejs")).isEqualTo(nodejs);
        assertThat(buildpacks.get("slipway/procfile"))
                .isEqualTo(new Buildpack("slipway/procfile", "0.0.0", "0.12", Buildpack.Kind.CNB, false, List.of()));
        assertThat(buildpacks.dir("slipway/procfile")).isEqualTo(procfile);
        assertThat(buildpacks.get("slipway/ruby")).isNull();
        assertThat(buildpacks.all()).extracting(Buildpack::id).containsExactly("slipway/nodejs", "slipway/procfile");
        assertThat(buildpacks.order()).containsExactly(
                List.of(new OrderEntry("slipway/nodejs", false),
                        new OrderEntry("slipway/procfile", true)),
                List.of(new OrderEntry("slipway/procfile", false)));
    }

    @Test
    void loadEscapesTheIdForTheContainerDirectory() throws IOException {
        buildpack("nodejs", "slipway/nodejs", "0.10", "1.0.0");
        Files.writeString(dir.resolve("order.toml"), "[[order]]\n[[order.group]]\nid = \"slipway/nodejs\"\n");

        Buildpack nodejs = BundledBuildpacks.load(dir).get("slipway/nodejs");

        assertThat(nodejs.escapedId()).isEqualTo("slipway_nodejs");
        assertThat(nodejs.containerDir()).isEqualTo("/cnb/buildpacks/slipway_nodejs");
    }

    @Test
    void loadWhenOrderNamesAnUnknownBuildpackRefusesNamingIt() throws IOException {
        buildpack("nodejs", "slipway/nodejs", "0.10", "1.0.0");
        Files.writeString(dir.resolve("order.toml"), "[[order]]\n[[order.group]]\nid = \"slipway/ruby\"\n");

        assertThatThrownBy(() -> BundledBuildpacks.load(dir))
                .isInstanceOf(SlipwayException.class)
                .hasMessageContaining("'slipway/ruby'")
                .hasMessageContaining("order.toml");
    }

    @Test
    void loadWhenOrderEntryHasNoIdRefuses() throws IOException {
        buildpack("nodejs", "slipway/nodejs", "0.10", "1.0.0");
        Files.writeString(dir.resolve("order.toml"), "[[order]]\n[[order.group]]\noptional = true\n");

        assertThatThrownBy(() -> BundledBuildpacks.load(dir)).isInstanceOf(SlipwayException.class);
    }

    @Test
    void loadWhenBuildpackApiIsUnsupportedRefusesNamingTheApi() throws IOException {
        buildpack("nodejs", "slipway/nodejs", "0.10", "1.0.0");
        buildpack("legacy", "slipway/legacy", "0.3", "1.0.0");
        Files.writeString(dir.resolve("order.toml"), "[[order]]\n[[order.group]]\nid = \"slipway/nodejs\"\n");

        assertThatThrownBy(() -> BundledBuildpacks.load(dir))
                .isInstanceOf(SlipwayException.class)
                .hasMessageContaining("'0.3'")
                .hasMessageContaining("not supported")
                .hasMessageContaining(dir.resolve("legacy").resolve("buildpack.toml").toString());
    }

    @Test
    void loadWhenBuildpackHasNoApiRefuses() throws IOException {
        Files.createDirectories(dir.resolve("x"));
        Files.writeString(dir.resolve("x/buildpack.toml"), "[buildpack]\nid = \"slipway/x\"\n");
        Files.writeString(dir.resolve("order.toml"), "");

        assertThatThrownBy(() -> BundledBuildpacks.load(dir))
                .isInstanceOf(SlipwayException.class)
                .hasMessageContaining("not supported");
    }

    @Test
    void loadWhenBuildpackHasNoIdRefuses() throws IOException {
        Files.createDirectories(dir.resolve("x"));
        Files.writeString(dir.resolve("x/buildpack.toml"), "api = \"0.10\"\n[buildpack]\nversion = \"1\"\n");
        Files.writeString(dir.resolve("order.toml"), "");

        assertThatThrownBy(() -> BundledBuildpacks.load(dir))
                .isInstanceOf(SlipwayException.class)
                .hasMessageContaining("id is missing");
    }

    @Test
    void loadWhenBuildpackTomlIsMalformedRefusesNamingTheFile() throws IOException {
        Files.createDirectories(dir.resolve("x"));
        Files.writeString(dir.resolve("x/buildpack.toml"), "api = = \"0.10\"\n");
        Files.writeString(dir.resolve("order.toml"), "");

        assertThatThrownBy(() -> BundledBuildpacks.load(dir))
                .isInstanceOf(SlipwayException.class)
                .hasMessageContaining("buildpack.toml");
    }

    @Test
    void loadWhenOrderFileIsMissingRefuses() throws IOException {
        buildpack("nodejs", "slipway/nodejs", "0.10", "1.0.0");

        assertThatThrownBy(() -> BundledBuildpacks.load(dir))
                .isInstanceOf(SlipwayException.class)
                .hasMessageContaining(dir.toString());
    }

    @Test
    void loadWhenDirectoryIsMissingRefuses() {
        assertThatThrownBy(() -> BundledBuildpacks.load(dir.resolve("missing")))
                .isInstanceOf(SlipwayException.class)
                .hasMessageContaining("missing");
    }

    @Test
    void loadReadsTheBuildpacksShippedWithSlipway() {
        Path shipped = Path.of("..", "buildpacks");
        assumeThat(shipped.resolve("order.toml")).exists();

        BundledBuildpacks buildpacks = BundledBuildpacks.load(shipped);

        assertThat(buildpacks.ids()).contains("slipway/nodejs");
        assertThat(buildpacks.order()).isNotEmpty().allSatisfy(group -> assertThat(group).isNotEmpty());
    }

    @Test
    void theNodeServerTestIsTheSameInTheNodejsAndStaticBuildpacks() throws IOException {
        Path shipped = Path.of("..", "buildpacks");
        assumeThat(shipped.resolve("order.toml")).exists();

        // Each buildpack is copied into builds on its own, so the two hold a copy each: the one that
        // runs a server.js with no package.json and the one that then leaves its index.html to it.
        assertThat(Files.readString(shipped.resolve("static/lib/launchpoint.sh")))
                .isEqualTo(Files.readString(shipped.resolve("nodejs/lib/launchpoint.sh")));
    }

    private Path buildpack(String dirName, String id, String api, String version) throws IOException {
        Path bp = Files.createDirectories(dir.resolve(dirName));
        Files.createDirectories(bp.resolve("bin"));
        Files.writeString(bp.resolve("bin/detect"), "#!/bin/sh\nexit 0\n");
        Files.writeString(bp.resolve("bin/build"), "#!/bin/sh\nexit 0\n");
        Files.writeString(bp.resolve("buildpack.toml"), "api = \"" + api + "\"\n\n[buildpack]\nid = \"" + id + "\"\n"
                + (version == null ? "" : "version = \"" + version + "\"\n") + "name = \"" + dirName + "\"\n");
        return bp;
    }
}
