package io.slipway.builder;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.BuildImageResultCallback;
import com.github.dockerjava.api.exception.DockerClientException;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.BuildResponseItem;
import io.slipway.core.AppName;
import io.slipway.core.BuildFailedException;
import io.slipway.core.DaemonThreads;
import io.slipway.core.PushLog;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * The export phase, in two images so a code-only change moves no dependency bytes:
 * <ol>
 * <li>{@code slipway/APP:deps-DIGEST}: the run stack plus one image layer per launch layer, named
 * by a digest of those layers; built only when no image has that name yet;</li>
 * <li>{@code slipway/APP:vN}: that image plus the app at {@code /workspace} and the launcher,
 * committed from a container as a single layer (no Dockerfile steps).</li>
 * </ol>
 */
final class ImageExporter {

    /** Writes the launcher ($1), the buildpack order ($2) and TYPE COMMAND pairs under /cnb, then tars the app. */
    private static final String COLLECT = """
            set -e
            umask 022
            mkdir -p /cnb/lifecycle /cnb/process
            printf '%s' "$1" > /cnb/lifecycle/launcher
            chmod 755 /cnb/lifecycle/launcher
            printf '%s' "$2" > /cnb/order
            shift 2
            while [ $# -ge 2 ]; do printf '%s' "$2" > "/cnb/process/$1"; shift 2; done
            exec tar --numeric-owner -C / -cf - workspace cnb/lifecycle cnb/process cnb/order
            """;

    private static final ExecutorService COLLECTORS = Executors.newCachedThreadPool(DaemonThreads.named("export-collect"));

    private final DockerClient docker;
    private final String runImage;
    private final byte[] launcher;

    ImageExporter(DockerClient docker, String runImage, byte[] launcher) {
        this.docker = docker;
        this.runImage = runImage;
        this.launcher = launcher;
    }

    /** What the build produced, still inside the build container. */
    record Contents(BuildContainer container, LayerInventory inventory, List<Buildpack> group,
                    Map<String, String> processes, String defaultProcess, boolean classicHome) {
    }

    void export(AppName app, Contents contents, String tag, Map<String, String> labels, Path tempDir,
                long timeoutSeconds, PushLog log) throws IOException {
        Path appTar = Files.createTempFile(tempDir, "app", ".tar");
        try {
            // The app is collected while the dependency image is found or written.
            CompletableFuture<Void> collected = CompletableFuture.runAsync(() -> {
                try {
                    collectApp(contents, appTar, timeoutSeconds);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }, COLLECTORS);
            List<String> launchLayers = launchLayers(contents);
            String depsTag = "slipway/" + app + ":deps-" + digest(contents, launchLayers);
            if (exists(depsTag)) {
                log.info("dependency layers unchanged: reusing " + depsTag);
            } else {
                log.info("writing dependency layers: " + String.join(", ", launchLayers));
                build(tempDir, tar -> writeDepsContext(tar, contents, launchLayers), depsTag,
                        Map.of("io.slipway.app", app.value(), "io.slipway.role", "deps"), timeoutSeconds);
            }
            try {
                collected.join();
            } catch (CompletionException e) {
                if (e.getCause() instanceof UncheckedIOException io) {
                    throw io.getCause();
                }
                throw e.getCause() instanceof RuntimeException r ? r : e;
            }
            commitApp(contents, depsTag, tag, labels, appTar);
        } finally {
            Files.deleteIfExists(appTar);
        }
    }

    /** Launch layers that have content, in buildpack order, then by name. */
    private static List<String> launchLayers(Contents contents) {
        List<String> layers = new ArrayList<>();
        for (Buildpack buildpack : contents.group()) {
            contents.inventory().types().forEach((layer, types) -> {
                if (types.launch() && layer.startsWith(buildpack.escapedId() + "/")
                        && contents.inventory().hasDirectory(layer)) {
                    layers.add(layer);
                }
            });
        }
        return layers;
    }

    /**
     * Names the dependency image by the run image, each launch layer's metadata and its files'
     * names, types and modes, plus: for a cached layer (restored, and left alone when the
     * buildpack reused it) sizes and modification times, so its contents are not read; for a
     * layer rebuilt every time (usually small) the contents themselves, so an identical rebuild
     * keeps the name.
     */
    private String digest(Contents contents, List<String> layers) {
        MessageDigest sha = sha256();
        sha.update(docker.inspectImageCmd(runImage).exec().getId().getBytes(StandardCharsets.UTF_8));
        if (!layers.isEmpty()) {
            List<String> command = new ArrayList<>(List.of("sh", "-c", """
                    cd /layers || exit 1
                    for arg in "$@"; do
                      l=${arg#?:}
                      printf '%s ' "$l"
                      case $arg in
                        c:*) find "$l" -printf '%P %y %m %s %T@ %l\\n' | LC_ALL=C sort ;;
                        *) find "$l" -printf '%P %y %m %l\\n' | LC_ALL=C sort
                           find "$l" -type f -print0 | LC_ALL=C sort -z | xargs -0r sha1sum ;;
                      esac | sha256sum
                    done
                    """, "digest"));
            Map<String, LayerTypes> types = contents.inventory().types();
            layers.forEach(l -> command.add((types.get(l).cache() ? "c:" : "r:") + l));
            sha.update(contents.container().capture(command, BuildContainer.USER).getBytes(StandardCharsets.UTF_8));
        }
        for (String layer : layers) {
            sha.update(contents.inventory().rawToml(layer));
        }
        return HexFormat.of().formatHex(sha.digest()).substring(0, 20);
    }

    private void writeDepsContext(TarArchiveOutputStream tar, Contents contents, List<String> layers)
            throws IOException {
        StringBuilder dockerfile = new StringBuilder("FROM " + runImage + "\n");
        for (String layer : layers) {
            dockerfile.append("COPY --chown=1000:1000 layers/").append(layer).append("/ /layers/").append(layer).append("/\n");
        }
        dockerfile.append("COPY --chown=1000:1000 layer-metadata/ /layers/\n");
        Tars.file(tar, "Dockerfile", dockerfile.toString().getBytes(StandardCharsets.UTF_8), 0644, 0);
        Tars.directory(tar, "layer-metadata", 1000);
        for (String layer : layers) {
            Tars.file(tar, "layer-metadata/" + layer + ".toml", contents.inventory().rawToml(layer), 0644, 1000);
            String prefix = layer.substring(layer.indexOf('/') + 1);
            String parent = "layers/" + layer.substring(0, layer.indexOf('/') + 1);
            try (InputStream in = contents.container().copyOut("/layers/" + layer)) {
                Tars.copyEntries(in, tar, name -> name.startsWith(prefix) ? parent + name : null);
            }
        }
    }

    /**
     * The app image without a Dockerfile: a container of the dependency image, configured as the
     * image should be, gets the app's tar and is committed as one layer.
     */
    private void commitApp(Contents contents, String depsTag, String tag, Map<String, String> labels, Path appTar)
            throws IOException {
        var create = docker.createContainerCmd(depsTag)
                .withEnv("CNB_LAYERS_DIR=/layers", "CNB_APP_DIR=/workspace",
                        "HOME=" + (contents.classicHome() ? "/workspace" : "/home/slipway"))
                .withWorkingDir("/workspace")
                .withUser("1000:1000")
                .withEntrypoint("/cnb/lifecycle/launcher")
                .withLabels(labels)
                .withNetworkDisabled(true);
        if (contents.defaultProcess() != null) {
            create.withCmd(contents.defaultProcess());
        }
        String id = create.exec().getId();
        try (InputStream in = Files.newInputStream(appTar)) {
            docker.copyArchiveToContainerCmd(id).withTarInputStream(in).withRemotePath("/").exec();
            int colon = tag.lastIndexOf(':');
            docker.commitCmd(id).withRepository(tag.substring(0, colon)).withTag(tag.substring(colon + 1))
                    .withPause(false).exec();
        } catch (DockerException e) {
            throw new BuildFailedException("export", "the image " + tag + " could not be written: " + e.getMessage());
        } finally {
            try {
                docker.removeContainerCmd(id).withForce(true).exec();
            } catch (DockerException e) {
                // already gone
            }
        }
    }

    /**
     * The app image's one layer, as a tar written to {@code file}: the build container writes the
     * launcher and the process files under {@code /cnb} and tars them with {@code /workspace}.
     */
    private void collectApp(Contents contents, Path file, long timeoutSeconds) throws IOException {
        List<String> command = new ArrayList<>(List.of("sh", "-c", COLLECT, "collect",
                new String(launcher, StandardCharsets.UTF_8),
                String.join("\n", contents.group().stream().map(Buildpack::escapedId).toList()) + "\n"));
        contents.processes().forEach((type, process) -> command.addAll(List.of(type, process)));
        ByteArrayOutputStream errors = new ByteArrayOutputStream();
        int code;
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
            code = contents.container().exec(command, "0:0", Map.of(), bytes -> {
                try {
                    out.write(bytes);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }, errors::writeBytes, timeoutSeconds);
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        if (code != 0) {
            throw new BuildFailedException("export", "could not collect the app (exit " + code + "): "
                    + errors.toString(StandardCharsets.UTF_8).strip());
        }
    }

    @FunctionalInterface
    private interface ContextWriter {
        void write(TarArchiveOutputStream tar) throws IOException;
    }

    private void build(Path tempDir, ContextWriter writer, String tag, Map<String, String> labels,
                       long timeoutSeconds) throws IOException {
        Path context = Files.createTempFile(tempDir, "context", ".tar");
        StringBuilder output = new StringBuilder();
        try {
            try (OutputStream out = Files.newOutputStream(context); TarArchiveOutputStream tar = Tars.open(out)) {
                writer.write(tar);
            }
            try (InputStream in = Files.newInputStream(context)) {
                docker.buildImageCmd(in)
                        .withTags(Set.of(tag))
                        .withLabels(labels)
                        .withPull(false)
                        .withForcerm(true)
                        .exec(new BuildImageResultCallback() {
                            @Override
                            public void onNext(BuildResponseItem item) {
                                if (item.getStream() != null) {
                                    output.append(item.getStream());
                                }
                                super.onNext(item);
                            }
                        })
                        .awaitImageId(timeoutSeconds, TimeUnit.SECONDS);
            }
        } catch (DockerClientException e) {
            throw new BuildFailedException("export", "the image " + tag + " could not be written: "
                    + e.getMessage() + "\n" + output);
        } finally {
            Files.deleteIfExists(context);
        }
    }

    private boolean exists(String image) {
        try {
            docker.inspectImageCmd(image).exec();
            return true;
        } catch (NotFoundException e) {
            return false;
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
