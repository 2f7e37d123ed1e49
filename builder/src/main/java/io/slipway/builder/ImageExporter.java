package io.slipway.builder;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.BuildImageResultCallback;
import com.github.dockerjava.api.exception.DockerClientException;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.BuildResponseItem;
import io.slipway.core.AppName;
import io.slipway.core.BuildFailedException;
import io.slipway.core.PushLog;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
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
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
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
        List<String> launchLayers = launchLayers(contents);
        String depsTag = "slipway/" + app + ":deps-" + digest(contents, launchLayers);
        if (exists(depsTag)) {
            log.info("dependency layers unchanged: reusing " + depsTag);
        } else {
            log.info("writing dependency layers: " + String.join(", ", launchLayers));
            build(tempDir, tar -> writeDepsContext(tar, contents, launchLayers), depsTag,
                    Map.of("io.slipway.app", app.value(), "io.slipway.role", "deps"), timeoutSeconds);
        }
        commitApp(contents, depsTag, tag, labels);
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
     * Names the dependency image by the run image and each launch layer's metadata and files'
     * names, types, modes, sizes and modification times: a layer restored from the cache and left
     * alone keeps its name without its contents being read.
     */
    private String digest(Contents contents, List<String> layers) {
        MessageDigest sha = sha256();
        sha.update(docker.inspectImageCmd(runImage).exec().getId().getBytes(StandardCharsets.UTF_8));
        if (!layers.isEmpty()) {
            List<String> command = new ArrayList<>(List.of("sh", "-c",
                    "cd /layers && for l in \"$@\"; do printf '%s ' \"$l\"; "
                            + "find \"$l\" -printf '%P %y %m %s %T@ %l\\n' | LC_ALL=C sort | sha256sum; done", "sh"));
            command.addAll(layers);
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
                copyEntries(in, tar, name -> name.startsWith(prefix) ? parent + name : null);
            }
        }
    }

    /**
     * The app image without a Dockerfile: a container of the dependency image configured as the
     * image should be, the app and the launcher copied in, committed as one layer.
     */
    private void commitApp(Contents contents, String depsTag, String tag, Map<String, String> labels) throws IOException {
        String id = docker.createContainerCmd(depsTag)
                .withEnv("CNB_LAYERS_DIR=/layers", "CNB_APP_DIR=/workspace",
                        "HOME=" + (contents.classicHome() ? "/workspace" : "/home/slipway"))
                .withWorkingDir("/workspace")
                .withUser("1000:1000")
                .withEntrypoint("/cnb/lifecycle/launcher")
                .withCmd(contents.defaultProcess())
                .withLabels(labels)
                .withNetworkDisabled(true)
                .exec().getId();
        try {
            try (InputStream in = contents.container().copyOut("/workspace")) {
                docker.copyArchiveToContainerCmd(id).withTarInputStream(in).withRemotePath("/").exec();
            }
            ByteArrayOutputStream cnb = new ByteArrayOutputStream();
            try (TarArchiveOutputStream tar = Tars.open(cnb)) {
                Tars.file(tar, "cnb/lifecycle/launcher", launcher, 0755, 0);
                for (Map.Entry<String, String> p : contents.processes().entrySet()) {
                    Tars.file(tar, "cnb/process/" + p.getKey(), p.getValue().getBytes(StandardCharsets.UTF_8), 0644, 0);
                }
                String order = String.join("\n", contents.group().stream().map(Buildpack::escapedId).toList()) + "\n";
                Tars.file(tar, "cnb/order", order.getBytes(StandardCharsets.UTF_8), 0644, 0);
            }
            docker.copyArchiveToContainerCmd(id).withTarInputStream(new ByteArrayInputStream(cnb.toByteArray()))
                    .withRemotePath("/").exec();
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

    /** Copies tar entries, renaming each with {@code rename} (null drops the entry). */
    private static void copyEntries(InputStream source, TarArchiveOutputStream tar, UnaryOperator<String> rename)
            throws IOException {
        TarArchiveInputStream in = new TarArchiveInputStream(source);
        for (TarArchiveEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
            String name = rename.apply(e.getName());
            if (name == null) {
                continue;
            }
            e.setName(name);
            if (e.isLink()) {
                e.setLinkName(rename.apply(e.getLinkName()));
            }
            tar.putArchiveEntry(e);
            if (e.isFile()) {
                in.transferTo(tar);
            }
            tar.closeArchiveEntry();
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
