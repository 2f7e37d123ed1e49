package io.slipway.builder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.slipway.builder.appfiles.AppFiles;
import io.slipway.core.BuildFailedException;
import io.slipway.core.SourceTree;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class BuildpackChoiceTest {

    private static final String APP_JSON = "{\"buildpacks\": [{\"url\": \"heroku/python\"}, {\"url\": \"procfile\"}]}";
    private static final String DOT_BUILDPACKS = "https://github.com/acme/one.git#v1\nhttps://github.com/acme/two.git\n";

    /** The files of a commit, from a map of path → text. */
    private record FakeSource(Map<String, String> files) implements SourceTree {

        @Override
        public Optional<byte[]> file(String path) {
            return Optional.ofNullable(files.get(path)).map(text -> text.getBytes(StandardCharsets.UTF_8));
        }

        @Override
        public void writeTar(OutputStream out, int uid, int gid, List<String> excludes) {
            throw new UnsupportedOperationException("not needed to choose buildpacks");
        }

        @Override
        public String revision() {
            return "0000000";
        }
    }

    private static BuildpackChoice choose(Map<String, String> env, String... pathsAndTexts) {
        Map<String, String> files = new LinkedHashMap<>();
        for (int i = 0; i < pathsAndTexts.length; i += 2) {
            files.put(pathsAndTexts[i], pathsAndTexts[i + 1]);
        }
        SourceTree source = new FakeSource(files);
        return BuildpackChoice.of(env, source, AppFiles.read(source));
    }

    @Test
    void ofWhenBuildpackUrlIsSetChoosesItOverEverythingElse() {
        BuildpackChoice choice = choose(Map.of("BUILDPACK_URL", " https://github.com/acme/bp.git#main "),
                ".buildpacks", DOT_BUILDPACKS, "app.json", APP_JSON);

        assertThat(choice).isEqualTo(new BuildpackChoice(List.of("https://github.com/acme/bp.git#main"), false));
    }

    @Test
    void ofWhenBuildpackUrlNamesAMultiBuildpackRunsWhatDotBuildpacksLists() {
        for (String multi : List.of("https://github.com/Scalingo/multi-buildpack", "https://github.com/heroku/heroku-buildpack-multi.git",
                "https://github.com/ddollar/heroku-buildpack-multi")) {
            assertThat(choose(Map.of("BUILDPACK_URL", multi), ".buildpacks", DOT_BUILDPACKS)).as(multi).isEqualTo(
                    new BuildpackChoice(List.of("https://github.com/acme/one.git#v1", "https://github.com/acme/two.git"), true));
        }
        assertThatThrownBy(() -> choose(Map.of("BUILDPACK_URL", "https://github.com/Scalingo/multi-buildpack")))
                .isInstanceOf(BuildFailedException.class).hasMessageContaining("the app has no .buildpacks: add one");
    }

    @Test
    void ofWhenBuildpackUrlIsBlankIgnoresIt() {
        BuildpackChoice choice = choose(Map.of("BUILDPACK_URL", "  "), "app.json", APP_JSON);

        assertThat(choice).isEqualTo(new BuildpackChoice(List.of("heroku/python", "procfile"), false));
    }

    @Test
    void ofWhenDotBuildpacksIsPresentChoosesItOverAppJsonAndSkipsDetection() {
        BuildpackChoice choice = choose(Map.of(), ".buildpacks", DOT_BUILDPACKS, "app.json", APP_JSON);

        assertThat(choice).isEqualTo(new BuildpackChoice(
                List.of("https://github.com/acme/one.git#v1", "https://github.com/acme/two.git"), true));
    }

    @Test
    void ofSkipsCommentsAndBlankLinesInDotBuildpacks() {
        BuildpackChoice choice = choose(Map.of(), ".buildpacks",
                "# first the runtime\n\n   https://github.com/acme/one.git  \r\n  # then the rest\n\t\nnodejs\n");

        assertThat(choice.refs()).containsExactly("https://github.com/acme/one.git", "nodejs");
        assertThat(choice.skipDetect()).isTrue();
    }

    @Test
    void ofWhenDotBuildpacksHasOnlyCommentsFallsBackToAppJson() {
        BuildpackChoice choice = choose(Map.of(), ".buildpacks", "# nothing here\n\n", "app.json", APP_JSON);

        assertThat(choice).isEqualTo(new BuildpackChoice(List.of("heroku/python", "procfile"), false));
    }

    @Test
    void ofWhenOnlyAppJsonNamesBuildpacksChoosesThemWithDetection() {
        BuildpackChoice choice = choose(Map.of(), "app.json", APP_JSON);

        assertThat(choice.refs()).containsExactly("heroku/python", "procfile");
        assertThat(choice.skipDetect()).isFalse();
    }

    @Test
    void ofWhenOnlyACloudFoundryManifestNamesBuildpacksTriesThemFirstThenDetects() {
        BuildpackChoice choice = choose(Map.of(), "manifest.yml", "applications:\n- buildpacks: [nodejs_buildpack, go_buildpack]\n");

        assertThat(choice).isEqualTo(new BuildpackChoice(List.of("slipway/nodejs", "slipway/go"), false, true));
        assertThat(choose(Map.of(), "manifest.yml", "applications:\n- buildpack: go_buildpack\n", "app.json", APP_JSON)
                .orDetect()).as("app.json's win, and are the user's choice").isFalse();
    }

    @Test
    void ofWhenNothingNamesABuildpackIsEmptySoTheBundledOrderIsDetected() {
        BuildpackChoice choice = choose(Map.of(), "Procfile", "web: ./run");

        assertThat(choice).isEqualTo(new BuildpackChoice(List.of(), false));
    }

    @Test
    void ofWhenDotBuildpacksStartsWithAByteOrderMarkDropsIt() {
        BuildpackChoice choice = choose(Map.of(), ".buildpacks", "\uFEFF" + DOT_BUILDPACKS);

        assertThat(choice.refs()).containsExactly("https://github.com/acme/one.git#v1", "https://github.com/acme/two.git");
    }
}
