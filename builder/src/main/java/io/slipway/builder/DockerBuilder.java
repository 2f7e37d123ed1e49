package io.slipway.builder;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import com.github.dockerjava.api.DockerClient;
import io.slipway.core.AppName;
import io.slipway.core.BuildFailedException;
import io.slipway.core.Builder;
import io.slipway.core.PushLog;
import io.slipway.core.SlipwayException;
import io.slipway.core.SourceTree;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The CNB lifecycle, played by Java against a build container: restore, detect, build, export.
 * The app's {@code /layers} live in a Docker volume per app, which is the layer cache.
 */
public final class DockerBuilder implements Builder {

    private static final Logger log = LoggerFactory.getLogger(DockerBuilder.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TomlMapper TOML = new TomlMapper();
    private static final int DETECT_PASS = 0;
    private static final int DETECT_FAIL = 100;

    private final DockerClient docker;
    private final Path buildpacksDir;
    private final BuildSettings settings;
    private final ImageExporter exporter;

    /** {@code buildpacksDir} is read on every build, so buildpacks added there apply at once. */
    public DockerBuilder(DockerClient docker, Path buildpacksDir, BuildSettings settings) {
        this.docker = docker;
        this.buildpacksDir = buildpacksDir;
        this.settings = settings;
        this.exporter = new ImageExporter(docker, settings.runImage(), launcher());
    }

    @Override
    public BuiltImage build(AppName app, int version, SourceTree source, Map<String, String> env, PushLog log) {
        Optional<Procfile> procfile = source.file("Procfile")
                .map(bytes -> Procfile.parse(new String(bytes, StandardCharsets.UTF_8)));
        long timeout = timeoutSeconds(env);
        String tag = "slipway/" + app + ":v" + version;
        Stack stack = Stack.inspect(docker, settings.runImage(), settings.buildImage());
        BundledBuildpacks buildpacks = BundledBuildpacks.load(buildpacksDir);
        try (BuildContainer container = BuildContainer.start(docker, settings.buildImage(),
                "slipway-build-" + app + "-v" + version, "slipway-cache-" + app, buildEnv(stack), settings.memoryBytes(),
                Map.of("io.slipway.app", app.value(), "io.slipway.role", "build"))) {
            copySource(container, source);
            copyBuildpacksAndPlatform(container, buildpacks, env);
            restore(container);
            List<Buildpack> group = detect(container, buildpacks, log, timeout);
            for (Buildpack buildpack : group) {
                runBuild(container, buildpack, log, timeout);
            }
            log.step("Exporting image " + tag);
            LayerInventory inventory = LayerInventory.read(container);
            Map<String, String> processes = processes(procfile, group, inventory);
            String defaultProcess = processes.containsKey("web") ? "web" : processes.keySet().iterator().next();
            exporter.export(app, new ImageExporter.Contents(container, inventory, group, processes, defaultProcess),
                    tag, labels(app, version, group, processes, stack), settings.tempDir(), timeout, log);
            log.info("process types: " + String.join(", ", processes.keySet()));
            return new BuiltImage(tag, io.slipway.core.AppManifest.ofProcesses(processes));
        } catch (IOException e) {
            throw new BuildFailedException("export", "I/O error: " + e.getMessage());
        }
    }

    private void copySource(BuildContainer container, SourceTree source) throws IOException {
        Path tar = Files.createTempFile(settings.tempDir(), "source", ".tar");
        try {
            try (OutputStream out = Files.newOutputStream(tar)) {
                source.writeTar(out, 1000, 1000);
            }
            try (InputStream in = Files.newInputStream(tar)) {
                container.copyIn(in, "/workspace");
            }
        } finally {
            Files.deleteIfExists(tar);
        }
    }

    private void copyBuildpacksAndPlatform(BuildContainer container, BundledBuildpacks buildpacks,
                                           Map<String, String> env) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = Tars.open(bytes)) {
            for (Buildpack buildpack : buildpacks.all()) {
                Tars.tree(tar, buildpack.dir(), buildpack.containerDir().substring(1));
            }
            Tars.directory(tar, "platform/env", 0);
            for (Map.Entry<String, String> var : env.entrySet()) {
                Tars.file(tar, "platform/env/" + var.getKey(), var.getValue().getBytes(StandardCharsets.UTF_8), 0644, 0);
            }
            settings.caBundle().ifPresent(ca -> {
                try {
                    Tars.file(tar, "etc/ssl/certs/ca-certificates.crt", Files.readAllBytes(ca), 0644, 0);
                } catch (IOException e) {
                    throw new SlipwayException("cannot read the CA bundle " + ca + ": " + e.getMessage(), e);
                }
            });
        }
        container.copyIn(new java.io.ByteArrayInputStream(bytes.toByteArray()), "/");
    }

    /** Restore: layers not marked {@code cache = true} start empty (their TOML stays). */
    private static void restore(BuildContainer container) {
        LayerInventory.read(container).types().forEach((layer, types) -> {
            if (!types.cache()) {
                container.capture(List.of("rm", "-rf", "/layers/" + layer), BuildContainer.USER);
            }
        });
        container.capture(List.of("find", "/layers", "-mindepth", "2", "-maxdepth", "2", "-name", "launch.toml",
                "-delete"), BuildContainer.USER);
    }

    private static List<Buildpack> detect(BuildContainer container, BundledBuildpacks buildpacks, PushLog log,
                                          long timeout) {
        for (List<BundledBuildpacks.Entry> group : buildpacks.order()) {
            List<Buildpack> passed = new ArrayList<>();
            boolean groupFailed = false;
            for (BundledBuildpacks.Entry entry : group) {
                Buildpack buildpack = buildpacks.get(entry.id());
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                String plan = "/tmp/plan-" + buildpack.escapedId() + ".toml";
                container.capture(List.of("touch", plan), BuildContainer.USER);
                int code = container.exec(List.of(buildpack.containerDir() + "/bin/detect", "/platform", plan),
                        BuildContainer.USER, Map.of("CNB_BUILDPACK_DIR", buildpack.containerDir(),
                                "CNB_BUILD_PLAN_PATH", plan), out::writeBytes, timeout);
                if (code == DETECT_PASS) {
                    passed.add(buildpack);
                } else if (code != DETECT_FAIL) {
                    throw new BuildFailedException("detect", "buildpack " + buildpack.id() + " failed to detect (exit "
                            + code + "): " + out.toString(StandardCharsets.UTF_8).strip());
                } else if (!entry.optional()) {
                    groupFailed = true;
                    break;
                }
            }
            if (!groupFailed && !passed.isEmpty()) {
                log.step("Detected buildpacks: " + String.join(", ",
                        passed.stream().map(b -> b.id() + "@" + b.version()).toList()));
                return passed;
            }
        }
        throw new BuildFailedException("detect", "no buildpack detected this app. Bundled buildpacks: "
                + String.join(", ", buildpacks.ids()) + ". Add the file the language needs (e.g. package.json"
                + " for Node.js) or a Dockerfile.");
    }

    private static void runBuild(BuildContainer container, Buildpack buildpack, PushLog log, long timeout) {
        String layers = "/layers/" + buildpack.escapedId();
        String plan = "/tmp/plan-" + buildpack.escapedId() + ".toml";
        container.capture(List.of("mkdir", "-p", layers), BuildContainer.USER);
        LogLines lines = new LogLines(log);
        int code = container.exec(List.of(buildpack.containerDir() + "/bin/build", layers, "/platform", plan),
                BuildContainer.USER, Map.of("CNB_LAYERS_DIR", layers, "CNB_BP_PLAN_PATH", plan,
                        "CNB_BUILDPACK_DIR", buildpack.containerDir()), lines::accept, timeout);
        lines.flush();
        if (code != 0) {
            throw new BuildFailedException("build", "buildpack " + buildpack.id() + " failed (exit " + code + ")");
        }
    }

    /** The Procfile wins; otherwise each buildpack's launch.toml, later buildpacks overriding. */
    private static Map<String, String> processes(Optional<Procfile> procfile, List<Buildpack> group,
                                                 LayerInventory layers) {
        Map<String, String> processes = new LinkedHashMap<>();
        for (Buildpack buildpack : group) {
            layers.launchToml(buildpack.escapedId()).ifPresent(toml -> {
                for (JsonNode p : toml.path("processes")) {
                    processes.put(p.path("type").asText(), LaunchCommand.of(p));
                }
            });
        }
        procfile.ifPresent(p -> processes.putAll(p.processes()));
        if (processes.isEmpty()) {
            throw new BuildFailedException("export", "the app defines no process: add a Procfile with a line"
                    + " like 'web: node server.js'");
        }
        return processes;
    }

    private Map<String, String> labels(AppName app, int version, List<Buildpack> group, Map<String, String> processes,
                                       Stack stack) {
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("buildpacks", group.stream().map(b -> Map.of("id", b.id(), "version", b.version())).toList());
        metadata.put("processes", processes.entrySet().stream().map(e -> Map.of("type", e.getKey(),
                "command", List.of("bash", "-c", e.getValue()), "direct", false)).toList());
        try {
            return Map.of("io.slipway.app", app.value(), "io.slipway.release", "v" + version,
                    "io.buildpacks.build.metadata", JSON.writeValueAsString(metadata),
                    "io.buildpacks.stack.id", stack.id());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new BuildFailedException("export", e.getMessage());
        }
    }

    private Map<String, String> buildEnv(Stack stack) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("CNB_PLATFORM_DIR", "/platform");
        env.put("CNB_TARGET_OS", "linux");
        env.put("CNB_TARGET_ARCH", "amd64");
        env.put("CNB_TARGET_DISTRO_NAME", stack.distroName());
        env.put("CNB_TARGET_DISTRO_VERSION", stack.distroVersion());
        env.put("HOME", "/home/slipway");
        // Every TLS client in the build trusts the bundle copied in from the host.
        String bundle = "/etc/ssl/certs/ca-certificates.crt";
        env.put("SSL_CERT_FILE", bundle);
        env.put("NODE_EXTRA_CA_CERTS", bundle);
        env.put("REQUESTS_CA_BUNDLE", bundle);
        env.put("PIP_CERT", bundle);
        env.put("GIT_SSL_CAINFO", bundle);
        env.put("CURL_CA_BUNDLE", bundle);
        return env;
    }

    private long timeoutSeconds(Map<String, String> env) {
        String value = env.get("SLIPWAY_BUILD_TIMEOUT");
        if (value == null) {
            return settings.timeoutSeconds();
        }
        try {
            return Long.parseLong(value.strip());
        } catch (NumberFormatException e) {
            throw new BuildFailedException("setup", "SLIPWAY_BUILD_TIMEOUT='" + value + "' is not a number of seconds");
        }
    }

    private static byte[] launcher() {
        try (InputStream in = DockerBuilder.class.getResourceAsStream("launcher")) {
            if (in == null) {
                throw new IllegalStateException("launcher script missing from the builder jar");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
