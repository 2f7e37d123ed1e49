package io.slipway.builder.appfiles;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.slipway.core.BuildFailedException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProjectTomlTest {

    @Test
    void schemaOneBuildEnvAndExcludesAsPaketoSamplesWriteThem() {
        ProjectToml project = parse("""
                [project]
                id = "io.paketo.samples.go-dep"

                [build]
                exclude = ["README.md", "*.log"]

                [[build.env]]
                name = "BP_GO_IMPORT_PATH"
                value = "github.com/paketo-buildpacks/samples/go/dep"

                [[build.buildpacks]]
                uri = "gcr.io/paketo-buildpacks/go"
                """);

        assertThat(project.env()).isEqualTo(Map.of("BP_GO_IMPORT_PATH", "github.com/paketo-buildpacks/samples/go/dep"));
        assertThat(project.exclude()).containsExactly("README.md", "*.log");
        assertThat(project.notes()).containsExactly("project.toml names buildpacks (gcr.io/paketo-buildpacks/go), which"
                + " are not used: Slipway detects the app with its own, or uses what config:set APP BUILDPACK_URL=... names");
    }

    @Test
    void schemaTwoKeepsItsTablesUnderIoBuildpacks() {
        ProjectToml project = parse("""
                [_]
                schema-version = "0.2"
                id = "sample"

                [io.buildpacks]
                include = ["src/"]

                [[io.buildpacks.build.env]]
                name = "BP_JVM_VERSION"
                value = "17"
                """);

        assertThat(project.env()).isEqualTo(Map.of("BP_JVM_VERSION", "17"));
        assertThat(project.exclude()).isEmpty();
        assertThat(project.notes()).singleElement().asString().startsWith("project.toml's include list is not read");
    }

    @Test
    void anEnvEntryWithoutItsValueOrAFileThatIsNotTomlFailsThePush() {
        assertThatThrownBy(() -> parse("[[build.env]]\nname = \"A\"\n")).isInstanceOf(BuildFailedException.class)
                .hasMessageContaining("project.toml: every [[build.env]] entry needs a name and a value");
        assertThatThrownBy(() -> parse("[[build.env]]\nname = \"../../cnb/x\"\nvalue = \"1\"\n"))
                .isInstanceOf(BuildFailedException.class).hasMessageContaining("is not a variable name");
        assertThatThrownBy(() -> parse("[build\nexclude = 1\n")).isInstanceOf(BuildFailedException.class)
                .hasMessageContaining("project.toml line 1");
    }

    private static ProjectToml parse(String text) {
        return ProjectToml.parse(text.getBytes(StandardCharsets.UTF_8));
    }
}
