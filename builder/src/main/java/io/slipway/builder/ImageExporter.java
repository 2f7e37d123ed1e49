package io.slipway.builder;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.BuildImageResultCallback;
import com.github.dockerjava.api.exception.DockerClientException;
import io.slipway.core.BuildFailedException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * The export phase: the run stack plus one image layer per launch layer, the app at
 * {@code /workspace} and the launcher. Built by the engine from a generated context, so each
 * unchanged launch layer is a cache hit and a code-only change adds one small layer.
 */
final class ImageExporter {

    private static final int APP_UID = 1000;

    private final DockerClient docker;
    private final String runImage;
    private final byte[] launcher;

    ImageExporter(DockerClient docker, String runImage, byte[] launcher) {
        this.docker = docker;
        this.runImage = runImage;
        this.launcher = launcher;
    }

    /** What goes into the image besides the layers. */
    record Contents(ExportedLayers layers, InputStream workspaceTar, List<Buildpack> group,
                    Map<String, String> processes, String defaultProcess) {
    }

    String export(Contents contents, String tag, Map<String, String> labels, Path tempDir, long timeoutSeconds)
            throws IOException {
        Path context = Files.createTempFile(tempDir, "context", ".tar");
        try {
            List<String> launchLayers = contents.layers().layers().entrySet().stream()
                    .filter(e -> e.getValue().launch()).map(Map.Entry::getKey).toList();
            try (OutputStream out = Files.newOutputStream(context); TarArchiveOutputStream tar = Tars.open(out)) {
                Tars.file(tar, "Dockerfile", dockerfile(launchLayers, contents.defaultProcess())
                        .getBytes(StandardCharsets.UTF_8), 0644, 0);
                copyLayers(contents.layers(), Set.copyOf(launchLayers), tar);
                copyEntries(contents.workspaceTar(), tar, name -> true);
                Tars.file(tar, "cnb/lifecycle/launcher", launcher, 0755, 0);
                for (Map.Entry<String, String> p : contents.processes().entrySet()) {
                    Tars.file(tar, "cnb/process/" + p.getKey(), p.getValue().getBytes(StandardCharsets.UTF_8), 0644, 0);
                }
                String order = String.join("\n", contents.group().stream().map(Buildpack::escapedId).toList()) + "\n";
                Tars.file(tar, "cnb/order", order.getBytes(StandardCharsets.UTF_8), 0644, 0);
            }
            return build(context, tag, labels, timeoutSeconds);
        } finally {
            Files.deleteIfExists(context);
        }
    }

    private String dockerfile(List<String> launchLayers, String defaultProcess) {
        StringBuilder d = new StringBuilder("FROM " + runImage + "\n");
        for (String layer : launchLayers) {
            d.append("COPY --chown=1000:1000 layers/").append(layer).append("/ /layers/").append(layer).append("/\n");
        }
        d.append("COPY --chown=1000:1000 layer-metadata/ /layers/\n");
        d.append("COPY --chown=1000:1000 workspace/ /workspace/\n");
        d.append("COPY cnb/ /cnb/\n");
        d.append("ENV CNB_LAYERS_DIR=/layers CNB_APP_DIR=/workspace HOME=/home/slipway\n");
        d.append("WORKDIR /workspace\n");
        d.append("USER 1000:1000\n");
        d.append("ENTRYPOINT [\"/cnb/lifecycle/launcher\"]\n");
        d.append("CMD [\"").append(defaultProcess).append("\"]\n");
        return d.toString();
    }

    /** Launch layers' files under {@code layers/}, and their TOMLs under {@code layer-metadata/}. */
    private static void copyLayers(ExportedLayers layers, Set<String> launch, TarArchiveOutputStream tar)
            throws IOException {
        Tars.directory(tar, "layer-metadata", APP_UID);
        try (InputStream in = Files.newInputStream(layers.tar())) {
            copyEntries(in, tar, name -> {
                String[] parts = name.split("/", 4);
                if (parts.length < 3) {
                    return false;
                }
                String layer = parts[1] + "/" + parts[2];
                return launch.contains(layer) || launch.contains(layer.replaceFirst("\\.toml$", ""));
            });
        }
    }

    private static void copyEntries(InputStream source, TarArchiveOutputStream tar,
                                    java.util.function.Predicate<String> keep) throws IOException {
        TarArchiveInputStream in = new TarArchiveInputStream(source);
        for (TarArchiveEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
            if (!keep.test(e.getName())) {
                continue;
            }
            if (e.getName().startsWith("layers/") && e.getName().endsWith(".toml") && e.isFile()
                    && e.getName().split("/").length == 3) {
                e.setName("layer-metadata/" + e.getName().substring("layers/".length()));
            }
            tar.putArchiveEntry(e);
            if (e.isFile()) {
                in.transferTo(tar);
            }
            tar.closeArchiveEntry();
        }
    }

    private String build(Path context, String tag, Map<String, String> labels, long timeoutSeconds) throws IOException {
        StringBuilder output = new StringBuilder();
        try (InputStream in = Files.newInputStream(context)) {
            return docker.buildImageCmd(in)
                    .withTags(Set.of(tag))
                    .withLabels(labels)
                    .withPull(false)
                    .withForcerm(true)
                    .exec(new BuildImageResultCallback() {
                        @Override
                        public void onNext(com.github.dockerjava.api.model.BuildResponseItem item) {
                            if (item.getStream() != null) {
                                output.append(item.getStream());
                            }
                            super.onNext(item);
                        }
                    })
                    .awaitImageId(timeoutSeconds, TimeUnit.SECONDS);
        } catch (DockerClientException e) {
            throw new BuildFailedException("export", "the image could not be written: " + e.getMessage() + "\n" + output);
        }
    }
}
