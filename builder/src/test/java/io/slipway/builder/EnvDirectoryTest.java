package io.slipway.builder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EnvDirectoryTest {

    private static Map<String, String> apply(Map<String, String> files, Map<String, String> before) {
        Map<String, String> env = new HashMap<>(before);
        new EnvDirectory(files).applyTo(env);
        return env;
    }

    @Test
    void applyToWhenFileHasNoSuffixReplacesTheValue() {
        Map<String, String> env = apply(Map.of("JAVA_HOME", "/layers/jdk"), Map.of("JAVA_HOME", "/usr/lib/jvm"));

        assertThat(env).containsOnly(entry("JAVA_HOME", "/layers/jdk"));
    }

    @Test
    void applyToWhenFileHasNoSuffixSetsAnUnsetVariable() {
        assertThat(apply(Map.of("NODE_ENV", "production"), Map.of())).containsOnly(entry("NODE_ENV", "production"));
    }

    @Test
    void applyToWhenSuffixIsOverrideReplacesTheValue() {
        Map<String, String> env = apply(Map.of("MODE.override", "new"), Map.of("MODE", "old"));

        assertThat(env).containsOnly(entry("MODE", "new"));
    }

    @Test
    void applyToKeepsContentsVerbatimIncludingWhitespace() {
        Map<String, String> env = apply(Map.of("OPTS", " -Xmx1g \n"), Map.of());

        assertThat(env).containsOnly(entry("OPTS", " -Xmx1g \n"));
    }

    @Test
    void applyToWhenSuffixIsDefaultSetsOnlyAnUnsetVariable() {
        assertThat(apply(Map.of("PORT.default", "8080"), Map.of())).containsOnly(entry("PORT", "8080"));
    }

    @Test
    void applyToWhenSuffixIsDefaultSetsAnEmptyVariable() {
        assertThat(apply(Map.of("PORT.default", "8080"), Map.of("PORT", ""))).containsOnly(entry("PORT", "8080"));
    }

    @Test
    void applyToWhenSuffixIsDefaultKeepsASetVariable() {
        assertThat(apply(Map.of("PORT.default", "8080"), Map.of("PORT", "5000"))).containsOnly(entry("PORT", "5000"));
    }

    @Test
    void applyToWhenSuffixIsAppendJoinsAfterWithTheDelimiter() {
        Map<String, String> env = apply(Map.of("PATH.append", "/layers/bin", "PATH.delim", ":"),
                Map.of("PATH", "/usr/bin"));

        assertThat(env).containsOnly(entry("PATH", "/usr/bin:/layers/bin"));
    }

    @Test
    void applyToWhenSuffixIsPrependJoinsBeforeWithTheDelimiter() {
        Map<String, String> env = apply(Map.of("PATH.prepend", "/layers/bin", "PATH.delim", ":"),
                Map.of("PATH", "/usr/bin"));

        assertThat(env).containsOnly(entry("PATH", "/layers/bin:/usr/bin"));
    }

    @Test
    void applyToWhenAppendOrPrependHasNoDelimiterJoinsWithNothing() {
        Map<String, String> env = apply(Map.of("JAVA_OPTS.append", " -Xss1m", "CFLAGS.prepend", "-O2 "),
                Map.of("JAVA_OPTS", "-Xmx1g", "CFLAGS", "-g"));

        assertThat(env).containsOnly(entry("JAVA_OPTS", "-Xmx1g -Xss1m"), entry("CFLAGS", "-O2 -g"));
    }

    @Test
    void applyToWhenAppendingToAnUnsetOrEmptyVariableSetsTheValueWithoutADelimiter() {
        Map<String, String> env = apply(Map.of("A.append", "a", "A.delim", ":", "B.prepend", "b", "B.delim", ":"),
                Map.of("B", ""));

        assertThat(env).containsOnly(entry("A", "a"), entry("B", "b"));
    }

    @Test
    void applyToUsesOnlyTheDelimiterOfTheSameVariable() {
        Map<String, String> env = apply(Map.of("A.append", "x", "B.delim", ","), Map.of("A", "1"));

        assertThat(env).containsOnly(entry("A", "1x"));
    }

    @Test
    void applyToWhenOnlyADelimiterIsGivenSetsNothing() {
        assertThat(apply(Map.of("PATH.delim", ":"), Map.of())).isEmpty();
        assertThat(apply(Map.of("PATH.delim", ":"), Map.of("PATH", "/bin"))).containsOnly(entry("PATH", "/bin"));
    }

    @Test
    void applyToWhenSuffixIsUnknownSetsNothing() {
        assertThat(apply(Map.of("A.bogus", "x", "B.default.txt", "y"), Map.of())).isEmpty();
    }

    @Test
    void applyToSkipsFilesWhoseNameIsNotAVariableName() {
        Map<String, String> files = Map.of("1ABC", "x", "MY-VAR", "y", ".hidden", "z", "MY VAR.append", "w",
                "_OK", "ok", "ok9", "ok");

        assertThat(apply(files, Map.of())).containsOnly(entry("_OK", "ok"), entry("ok9", "ok"));
    }

    @Test
    void applyToLeavesOtherVariablesAlone() {
        Map<String, String> env = apply(Map.of("A", "1"), Map.of("B", "2"));

        assertThat(env).containsOnly(entry("A", "1"), entry("B", "2"));
    }

    @Test
    void applyToLaterDirectoriesBuildOnEarlierOnes() {
        Map<String, String> env = new HashMap<>(Map.of("PATH", "/usr/bin"));
        new EnvDirectory(Map.of("PATH.prepend", "/one/bin", "PATH.delim", ":")).applyTo(env);
        new EnvDirectory(Map.of("PATH.prepend", "/two/bin", "PATH.delim", ":")).applyTo(env);

        assertThat(env).containsOnly(entry("PATH", "/two/bin:/one/bin:/usr/bin"));
    }

    @Test
    void prependPathWhenSetPutsTheDirectoryFirstWithAColon() {
        Map<String, String> env = new HashMap<>(Map.of("PATH", "/usr/bin:/bin"));

        EnvDirectory.prependPath(env, "PATH", "/layers/node/bin");

        assertThat(env).containsOnly(entry("PATH", "/layers/node/bin:/usr/bin:/bin"));
    }

    @Test
    void prependPathWhenUnsetOrEmptySetsJustTheDirectory() {
        Map<String, String> env = new HashMap<>(Map.of("LIBRARY_PATH", ""));

        EnvDirectory.prependPath(env, "LD_LIBRARY_PATH", "/layers/lib");
        EnvDirectory.prependPath(env, "LIBRARY_PATH", "/layers/lib");

        assertThat(env).containsOnly(entry("LD_LIBRARY_PATH", "/layers/lib"), entry("LIBRARY_PATH", "/layers/lib"));
    }
}
