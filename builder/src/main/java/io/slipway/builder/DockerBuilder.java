package io.slipway.builder;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.dockerjava.api.DockerClient;
import io.slipway.builder.appfiles.AppFiles;
import io.slipway.core.AppManifest;
import io.slipway.core.AppName;
import io.slipway.core.AppNetworks;
import io.slipway.core.BuildFailedException;
import io.slipway.core.Builder;
import io.slipway.core.HostCaBundle;
import io.slipway.core.PushLog;
import io.slipway.core.SourceTree;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Source → image. A Dockerfile app (no buildpack asked for) is built by the engine as it is;
 * every other app goes through the CNB lifecycle, played by Java against a build container:
 * restore, detect (or the buildpacks the user named), build, export. The app's {@code /layers}
 * live in a Docker volume per app, which is the layer cache.
 */
public final class DockerBuilder implements Builder, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(DockerBuilder.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SecureRandom RANDOM = new SecureRandom();
    /** How many recently built apps keep a build container started for their next build. */
    private static final int SPARE_CONTAINERS = 4;

    private final DockerClient docker;
    private final Path buildpacksDir;
    private final BuildSettings settings;
    private final AppBuildpacks appBuildpacks;
    private final ImageExporter exporter;
    private final BuildContainers containers;
    private final AppNetworks networks;

    /**
     * {@code buildpacksDir} is read on every build, so buildpacks added there apply at once.
     * {@code networks}: the app's add-on networks, which its builds join as its instances do, so that a
     * build script can reach the database whose URL it is given (migrations, pages rendered at build time).
     */
    public DockerBuilder(DockerClient docker, Path buildpacksDir, BuildSettings settings, AppBuildpacks appBuildpacks,
                         AppNetworks networks) {
        this.docker = docker;
        this.networks = networks;
        this.buildpacksDir = buildpacksDir;
        this.settings = settings;
        this.appBuildpacks = appBuildpacks;
        this.exporter = new ImageExporter(docker, settings.runImage(), launcher());
        this.containers = new BuildContainers(docker, settings.buildImage(), SPARE_CONTAINERS, settings.owner());
    }

    @Override
    public BuiltImage build(AppName app, int version, SourceTree source, Map<String, String> env, PushLog log) {
        AppFiles files = AppFiles.read(source);
        List<String> excludes = new ArrayList<>(source.file(".slugignore")
                .map(b -> new String(b, StandardCharsets.UTF_8).lines().toList()).orElse(List.of()));
        excludes.addAll(files.buildExcludes());
        long timeout = BuildLimits.timeoutSeconds(env, settings.timeoutSeconds());
        String tag = "slipway/" + app + ":v" + version;
        Map<String, String> generated = secrets(files, env);
        files.requiredEnv().stream().filter(k -> !env.containsKey(k)).forEach(k ->
                log.info("app.json says " + k + " is required; set it with config:set " + app + " " + k + "=..."));
        files.notes().forEach(log::info);
        BuildpackChoice choice = BuildpackChoice.of(env, source, files);

        if (choice.refs().isEmpty() && source.file("Dockerfile").isPresent()) {
            Optional<DockerfileBuild.Result> result = new DockerfileBuild(docker, settings.tempDir())
                    .buildUnlessOutOfReach(source, excludes, tag, baseLabels(app, version), timeout, log);
            if (result.isPresent()) {
                Map<String, String> processes = new LinkedHashMap<>();
                processes.put("web", "");
                return new BuiltImage(tag, files.manifest(processes, result.get().port(), false), generated);
            }
        }

        Timings timings = new Timings();
        Stack stack = Stack.inspect(docker, settings.runImage(), settings.buildImage());
        BundledBuildpacks bundled = BundledBuildpacks.load(buildpacksDir);
        List<BuildpackRef> refs = choice.refs().stream().map(t -> BuildpackRef.parse(t, Set.copyOf(bundled.ids())))
                .toList();
        Map<String, String> platformEnv = new LinkedHashMap<>(files.buildEnv());
        platformEnv.putAll(env);
        platformEnv.putAll(generated);
        Map<String, String> launchDefaults = ForeignSettings.apply(platformEnv, log::info);
        long memory = BuildLimits.memoryBytes(env, settings.memoryBytes());
        Map<String, String> containerEnv = buildEnv(stack);
        BuildContainers.Lease lease = containers.acquire(app, stack.buildImageId(), memory, containerEnv);
        BuildContainer container = lease.container();
        container.setExecEnv(Map.of("SOURCE_VERSION", source.revision()));
        timings.mark("start");
        LayerInventory exported = null;
        try {
            joinNetworks(app, container, log);
            copyInputs(container, source, excludes, bundled, platformEnv);
            timings.mark("copy");
            if (!lease.restored()) {
                BuildContainers.restore(container, LayerInventory.read(container));
                timings.mark("restore");
            }
            BuildPlan.Resolved resolved = detect(container, bundled, refs, choice, platformEnv, timeout, log);
            timings.mark("detect");
            BuildPhase phase = new BuildPhase(container, platformEnv, log, timeout);
            phase.run(resolved);
            timings.mark("build");

            log.step("Exporting image " + tag);
            LayerInventory inventory = phase.layers();
            AppManifest manifest = files.manifest(phase.processes(), AppManifest.DEFAULT_PORT, true, launchDefaults);
            // As on Heroku, an app with nothing to run builds: `run` works, no instance starts.
            String defaultProcess = manifest.processes().containsKey("web") ? "web"
                    : manifest.processes().keySet().stream().findFirst().orElse(null);
            Map<String, String> labels = new LinkedHashMap<>(phase.labels());
            labels.putAll(labels(app, version, resolved.group(), manifest.processes(), stack));
            exporter.export(app, new ImageExporter.Contents(container, inventory, resolved.group(), manifest.processes(),
                    defaultProcess, phase.classic()), tag, labels, settings.tempDir(), timeout, log);
            timings.mark("export");
            exported = inventory;
            LOG.info("built {} v{} in {}", app, version, timings);
            log.info("process types: " + (manifest.processes().isEmpty() ? "none"
                    : String.join(", ", manifest.processes().keySet())));
            return new BuiltImage(tag, manifest, generated);
        } catch (IOException e) {
            throw new BuildFailedException("export", "I/O error: " + e.getMessage());
        } finally {
            containers.release(app, container, exported, stack.buildImageId(), memory, containerEnv);
        }
    }

    private void joinNetworks(AppName app, BuildContainer container, PushLog log) {
        for (String network : networks.networks(app)) {
            try {
                docker.connectToNetworkCmd().withContainerId(container.id()).withNetworkId(network).exec();
            } catch (RuntimeException e) {
                log.info("the build cannot reach the add-on network " + network + ": " + e.getMessage());
            }
        }
    }

    /** Build containers a previous run of the daemon left behind (it stopped mid-build). */
    public void removeLeftovers() {
        containers.removeLeftovers();
    }

    /** Finishes the clean-ups under way and removes the spare build containers. */
    @Override
    public void close() {
        containers.close();
    }

    @Override
    public void remove(AppName app) {
        containers.remove(app);
        // The app's own tags go (slipway/APP:vN, then :deps-...), not the images by ID: a fork or SaaS
        // app may run this app's image, and the engine keeps an image a container still uses.
        String repository = "slipway/" + app + ":";
        boolean removed = true;
        for (int pass = 0; removed && pass < 3; pass++) {
            removed = false;
            List<String> tags = new ArrayList<>();
            for (var image : docker.listImagesCmd().withLabelFilter(Map.of("io.slipway.app", app.value())).exec()) {
                for (String tag : image.getRepoTags() == null ? new String[0] : image.getRepoTags()) {
                    if (tag.startsWith(repository)) {
                        tags.add(tag);
                    }
                }
            }
            // Untagged while it has children, a parent image would stay behind nameless: children
            // first (the images with what predeploy wrote), dependency images last.
            tags.sort(Comparator.comparing((String tag) -> tag.startsWith(repository + "deps-") ? 2
                    : tag.endsWith("-predeploy") ? 0 : 1));
            for (String tag : tags) {
                try {
                    docker.removeImageCmd(tag).exec();
                    removed = true;
                } catch (RuntimeException e) {
                    // in use by a container (a fork's, a SaaS app's): it stays
                }
            }
        }
        try {
            docker.removeVolumeCmd("slipway-cache-" + app).exec();
        } catch (com.github.dockerjava.api.exception.NotFoundException e) {
            // never built
        }
    }

    private BuildPlan.Resolved detect(BuildContainer container, BundledBuildpacks bundled, List<BuildpackRef> refs,
                                      BuildpackChoice choice, Map<String, String> platformEnv, long timeout, PushLog log) {
        Detector detector = new Detector(container, platformEnv, timeout);
        if (refs.isEmpty()) {
            return detector.detect(bundled.order(), bundled::get, log,
                    () -> UnrecognizedApp.message(container, bundled.ids()));
        }
        List<Buildpack> chosen = new BuildpackFetcher(container, bundled, appBuildpacks, settings.tempDir(), log).fetch(refs);
        if (choice.skipDetect()) {
            log.step("Using buildpacks from .buildpacks: " + String.join(", ", chosen.stream().map(Buildpack::toString).toList()));
            return new BuildPlan.Resolved(chosen, List.of());
        }
        Map<String, Buildpack> byId = new LinkedHashMap<>();
        chosen.forEach(b -> byId.put(b.id(), b));
        List<OrderEntry> group = chosen.stream().map(b -> new OrderEntry(b.id(), false)).toList();
        if (choice.orDetect()) {
            // manifest.yml's buildpacks first, then what detection finds when they do not detect the app.
            List<List<OrderEntry>> groups = new java.util.ArrayList<>(List.of(group));
            groups.addAll(bundled.order());
            return detector.detect(groups, id -> byId.containsKey(id) ? byId.get(id) : bundled.get(id), log,
                    () -> UnrecognizedApp.message(container, bundled.ids()));
        }
        return detector.detect(List.of(group), id -> byId.containsKey(id) ? byId.get(id) : bundled.get(id), log,
                () -> "the buildpacks you chose (" + String.join(", ", refs.stream().map(BuildpackRef::text).toList())
                        + ") do not detect this app: each one's bin/detect must pass");
    }

    /**
     * One copy into the build container: the app at {@code /workspace}, the bundled buildpacks
     * under {@code /cnb/buildpacks}, the config vars under {@code /platform/env} and the host's
     * CA bundle.
     */
    private void copyInputs(BuildContainer container, SourceTree source, List<String> excludes,
                            BundledBuildpacks buildpacks, Map<String, String> env) throws IOException {
        Path sourceTar = Files.createTempFile(settings.tempDir(), "source", ".tar");
        Path inputs = Files.createTempFile(settings.tempDir(), "inputs", ".tar");
        try {
            try (OutputStream out = Files.newOutputStream(sourceTar)) {
                source.writeTar(out, 1000, 1000, excludes);
            }
            try (OutputStream out = Files.newOutputStream(inputs); TarArchiveOutputStream tar = Tars.open(out)) {
                Tars.directory(tar, "workspace", 1000);
                try (InputStream in = Files.newInputStream(sourceTar)) {
                    Tars.copyEntries(in, tar, name -> name.equals("./") || name.isEmpty() ? null
                            : "workspace/" + (name.startsWith("./") ? name.substring(2) : name));
                }
                Tars.directory(tar, "cnb/buildpacks", 1000);
                for (Buildpack buildpack : buildpacks.all()) {
                    Tars.tree(tar, buildpacks.dir(buildpack.id()), buildpack.containerDir().substring(1), 0);
                }
                Tars.directory(tar, "platform/env", 0);
                for (Map.Entry<String, String> var : env.entrySet()) {
                    Tars.file(tar, "platform/env/" + var.getKey(), var.getValue().getBytes(StandardCharsets.UTF_8), 0644, 0);
                }
                if (settings.caBundle().isPresent()) {
                    Tars.file(tar, HostCaBundle.IN_CONTAINER.substring(1), Files.readAllBytes(settings.caBundle().get()), 0644, 0);
                }
            }
            try (InputStream in = Files.newInputStream(inputs)) {
                container.copyIn(in, "/");
            }
        } finally {
            Files.deleteIfExists(sourceTar);
            Files.deleteIfExists(inputs);
        }
    }

    /** app.json {@code "generator": "secret"} variables the app does not have yet. */
    private static Map<String, String> secrets(AppFiles files, Map<String, String> env) {
        Map<String, String> generated = new LinkedHashMap<>();
        for (String name : files.generatedSecrets()) {
            if (!env.containsKey(name)) {
                byte[] bytes = new byte[32];
                RANDOM.nextBytes(bytes);
                generated.put(name, HexFormat.of().formatHex(bytes));
            }
        }
        return generated;
    }

    private static Map<String, String> baseLabels(AppName app, int version) {
        return Map.of("io.slipway.app", app.value(), "io.slipway.release", "v" + version);
    }

    private Map<String, String> labels(AppName app, int version, List<Buildpack> group, Map<String, String> processes,
                                       Stack stack) {
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("buildpacks", group.stream().map(b -> Map.of("id", b.id(), "version", b.version())).toList());
        metadata.put("processes", processes.entrySet().stream().map(e -> Map.of("type", e.getKey(),
                "command", List.of("bash", "-c", e.getValue()), "direct", false)).toList());
        Map<String, String> labels = new LinkedHashMap<>(baseLabels(app, version));
        try {
            labels.put("io.buildpacks.build.metadata", JSON.writeValueAsString(metadata));
            labels.put("io.buildpacks.lifecycle.metadata", JSON.writeValueAsString(Map.of("runImage",
                    Map.of("image", settings.runImage(), "reference", stack.imageId()), "stack", Map.of("id", stack.id()))));
        } catch (JsonProcessingException e) {
            throw new BuildFailedException("export", e.getMessage());
        }
        labels.put("io.buildpacks.stack.id", stack.id());
        labels.put("io.slipway.launcher", "cnb");
        return labels;
    }

    private static Map<String, String> buildEnv(Stack stack) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("CNB_PLATFORM_DIR", "/platform");
        env.put("CNB_TARGET_OS", "linux");
        env.put("CNB_TARGET_ARCH", "amd64");
        env.put("CNB_TARGET_DISTRO_NAME", stack.distroName());
        env.put("CNB_TARGET_DISTRO_VERSION", stack.distroVersion());
        env.put("HOME", "/home/slipway");
        // Every TLS client in the build trusts the bundle copied in from the host.
        String bundle = HostCaBundle.IN_CONTAINER;
        env.put("SSL_CERT_FILE", bundle);
        env.put("NODE_EXTRA_CA_CERTS", bundle);
        env.put("REQUESTS_CA_BUNDLE", bundle);
        env.put("PIP_CERT", bundle);
        env.put("GIT_SSL_CAINFO", bundle);
        env.put("CURL_CA_BUNDLE", bundle);
        return env;
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
