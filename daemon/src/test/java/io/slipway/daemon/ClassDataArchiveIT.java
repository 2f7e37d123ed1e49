package io.slipway.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The class-data archive {@code scripts/paas up} starts the daemon with ({@code daemon_jvm_opts} in
 * scripts/lib/platform.sh), on a copy of the built jar: the first run lists the classes, the next
 * start makes the archive the JVM then maps, a rebuilt jar trains again, a failed dump is not retried.
 */
class ClassDataArchiveIT {

    private static final Path PROJECT = Path.of(System.getProperty("slipway.root", "..")).toAbsolutePath().normalize();

    @TempDir
    Path dir;
    private Path jar;

    @BeforeEach
    void copyTheJar() throws IOException {
        jar = Files.copy(PROJECT.resolve("daemon/target/slipway.jar"), dir.resolve("slipway.jar"));
    }

    @Test
    void aNewJarListsItsClassesOnItsFirstRunAndStartsFromTheirArchiveAfterwards() throws Exception {
        Opts first = opts(Map.of());
        assertThat(first.words()).anyMatch(w -> w.startsWith("-XX:DumpLoadedClassList=" + dir + "/slipway-"))
                .noneMatch(w -> w.contains("SharedArchiveFile"));

        runTheDaemon(first.words());

        Opts second = opts(Map.of());
        assertThat(second.messages()).contains("making the class-data archive of this build");
        String archive = second.archive();
        assertThat(Path.of(archive)).exists();
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString()))
                    .noneMatch(name -> name.endsWith(".tmp") || name.endsWith(".classlist"));
        }
        List<String> mapped = new ArrayList<>(second.words());
        mapped.addAll(List.of("-Xshare:on", "-Xlog:class+load=info", "-jar", jar.toString(), "--version"));
        mapped.add(0, "java");
        String loaded = Shell.ok(dir, Map.of(), mapped.toArray(String[]::new));
        assertThat(loaded).contains("io.slipway.daemon.Main source: shared objects file").contains("slipway 0.1.0");

        Opts third = opts(Map.of());
        assertThat(third.archive()).isEqualTo(archive);
        assertThat(third.messages()).doesNotContain("making");

        Files.setLastModifiedTime(jar, FileTime.from(Instant.now().plusSeconds(5)));
        assertThat(opts(Map.of()).words()).anyMatch(w -> w.startsWith("-XX:DumpLoadedClassList="))
                .noneMatch(w -> w.contains("SharedArchiveFile"));
    }

    @Test
    void aDumpThatFailsIsSaidOnceAndTheDaemonStartsWithoutAnArchive() throws Exception {
        String list = opts(Map.of()).words().stream().filter(w -> w.startsWith("-XX:DumpLoadedClassList="))
                .findFirst().orElseThrow().substring("-XX:DumpLoadedClassList=".length());
        List<String> lines = new ArrayList<>(java.util.Collections.nCopies(1000, "java/lang/Object id: 1"));
        lines.add("java/lang/Foo id: x super: y");
        Files.write(Path.of(list), lines);

        Opts failed = opts(Map.of());
        assertThat(failed.messages()).contains("the class-data archive could not be made");
        assertThat(failed.words()).containsExactly("-XX:+UseSerialGC", "-Xss512k");
        Opts after = opts(Map.of());
        assertThat(after.messages()).isEmpty();
        assertThat(after.words()).containsExactly("-XX:+UseSerialGC", "-Xss512k");
    }

    @Test
    void theOperatorsChoiceWins() throws Exception {
        assertThat(opts(Map.of("SLIPWAY_CLASS_DATA", "off")).words()).containsExactly("-XX:+UseSerialGC", "-Xss512k");
        assertThat(opts(Map.of("SLIPWAY_JVM_OPTS", "-Xshare:off -Xmx1g")).words()).containsExactly("-Xshare:off", "-Xmx1g");
    }

    /** What daemon_jvm_opts printed (the options) and said (its messages on stderr). */
    private record Opts(List<String> words, String messages) {
        String archive() {
            return words.stream().filter(w -> w.startsWith("-XX:SharedArchiveFile=")).findFirst()
                    .orElseThrow(() -> new AssertionError("no archive in " + words + "; said: " + messages))
                    .substring("-XX:SharedArchiveFile=".length());
        }
    }

    private Opts opts(Map<String, String> env) throws IOException {
        Path out = dir.resolve("opts.out");
        Map<String, String> settings = new java.util.HashMap<>(Map.of(
                "SLIPWAY_JVM_OPTS", "-XX:+UseSerialGC -Xss512k", "SLIPWAY_CLASS_DATA", "on"));
        settings.putAll(env);
        String said = Shell.ok(dir, settings, "bash", "-c", "source \"$0\"; SLIPWAY_JAR=\"$1\"; daemon_jvm_opts >\"$2\"",
                PROJECT.resolve("scripts/lib/platform.sh").toString(), jar.toString(), out.toString());
        String printed = Files.readString(out).trim();
        return new Opts(printed.isEmpty() ? List.of() : Arrays.asList(printed.split("\\s+")), said.trim());
    }

    /** Starts the jar as scripts/paas up does, on OS-assigned ports, until it is ready; then stops it. */
    private void runTheDaemon(List<String> jvmOptions) throws Exception {
        List<String> command = new ArrayList<>(List.of("java"));
        command.addAll(jvmOptions);
        command.addAll(List.of("-jar", jar.toString(), "--data-dir", dir.resolve("data").toString(), "--bind", "127.0.0.1",
                "--ssh-port", "0", "--http-port", "0", "--admin-port", "0",
                "--buildpacks-dir", PROJECT.resolve("buildpacks").toString()));
        Process daemon = new ProcessBuilder(command).redirectError(dir.resolve("daemon.err").toFile()).start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(daemon.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null && !line.startsWith("slipway ready")) {
                // the daemon prints nothing else on stdout
            }
            assertThat(line).as("the daemon's ready line; its log:\n%s", Files.readString(dir.resolve("daemon.err")))
                    .isNotNull();
        } finally {
            daemon.destroy();
            if (!daemon.waitFor(30, TimeUnit.SECONDS)) {
                daemon.destroyForcibly();
            }
        }
    }
}
