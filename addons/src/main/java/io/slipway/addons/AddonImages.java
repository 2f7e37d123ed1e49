package io.slipway.addons;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.BuildImageResultCallback;
import com.github.dockerjava.api.exception.DockerClientException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.BuildResponseItem;
import io.slipway.core.LineBuffer;
import io.slipway.core.PushLog;
import io.slipway.core.SlipwayException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.Deque;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The add-on images, built once from the recipes under {@code stacks/addons} (carried in this
 * module's jar) on top of the run stack. The tag carries a hash of the recipe and of the run
 * stack's image id: a changed recipe or a rebuilt stack gives a new image, an unchanged one is
 * reused, and add-ons already running keep the image they were made with.
 */
final class AddonImages {

    static final String RECIPE_LABEL = "io.slipway.addon.recipe";
    private static final Logger log = LoggerFactory.getLogger(AddonImages.class);
    private static final List<String> FILES = List.of("Dockerfile", "bin/addon-start", "bin/addon-ready",
            "bin/addon-version", "bin/addon-backup", "bin/addon-restore", "bin/addon-connect");
    private static final long BUILD_TIMEOUT_MINUTES = 20;

    private final DockerClient docker;
    private final String stackImage;
    private final Path tempDir;
    private final Map<Service, Object> locks = new ConcurrentHashMap<>();

    AddonImages(DockerClient docker, String stackImage, Path tempDir) {
        this.docker = docker;
        this.stackImage = stackImage;
        this.tempDir = tempDir;
    }

    /** The image for {@code service}, built now if this recipe and stack have none yet. */
    String ensure(Service service, PushLog out) {
        synchronized (locks.computeIfAbsent(service, s -> new Object())) {
            Map<String, byte[]> recipe = recipe(service);
            String tag = "slipway/addon-" + service.id() + ":" + hash(stackId(), recipe);
            try {
                docker.inspectImageCmd(tag).exec();
                return tag;
            } catch (NotFoundException e) {
                out.info("Building the " + service + " image from Debian packages (once; it is cached as " + tag + ")");
            }
            build(service, recipe, tag);
            pruneOlder(service, tag);
            return tag;
        }
    }

    private String stackId() {
        try {
            return docker.inspectImageCmd(stackImage).exec().getId();
        } catch (NotFoundException e) {
            throw new SlipwayException("the run stack image " + stackImage
                    + " is missing; run scripts/paas up once to build it");
        }
    }

    static Map<String, byte[]> recipe(Service service) {
        Map<String, byte[]> files = new LinkedHashMap<>();
        for (String file : FILES) {
            String resource = "recipes/" + service.id() + "/" + file;
            try (InputStream in = AddonImages.class.getResourceAsStream(resource)) {
                if (in == null) {
                    throw new SlipwayException("the " + service + " image recipe lacks " + file + "; the jar is incomplete");
                }
                files.put(file, in.readAllBytes());
            } catch (IOException e) {
                throw new SlipwayException("cannot read the " + service + " recipe: " + e.getMessage(), e);
            }
        }
        return files;
    }

    static String hash(String stackId, Map<String, byte[]> recipe) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(stackId.getBytes(StandardCharsets.UTF_8));
            recipe.forEach((name, content) -> {
                sha.update((name + "\0" + content.length + "\0").getBytes(StandardCharsets.UTF_8));
                sha.update(content);
            });
            return HexFormat.of().formatHex(sha.digest()).substring(0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private void build(Service service, Map<String, byte[]> recipe, String tag) {
        Deque<String> tail = new ArrayDeque<>();
        LineBuffer lines = new LineBuffer(line -> {
            log.debug("{} image: {}", service, line);
            synchronized (tail) {
                tail.addLast(line);
                if (tail.size() > 15) {
                    tail.removeFirst();
                }
            }
        });
        StringBuilder error = new StringBuilder();
        Path context = null;
        long started = System.nanoTime();
        try {
            context = Files.createTempDirectory(Files.createDirectories(tempDir), "addon-" + service.id());
            for (Map.Entry<String, byte[]> f : recipe.entrySet()) {
                Path file = context.resolve(f.getKey());
                Files.createDirectories(file.getParent());
                Files.write(file, f.getValue());
            }
            docker.buildImageCmd().withBaseDirectory(context.toFile()).withDockerfile(context.resolve("Dockerfile").toFile())
                    .withTags(Set.of(tag)).withLabels(Map.of(RECIPE_LABEL, tag.substring(tag.indexOf(':') + 1),
                            "io.slipway.addon.service", service.id()))
                    .withPull(false).withForcerm(true)
                    .exec(new BuildImageResultCallback() {
                        @Override
                        public void onNext(BuildResponseItem item) {
                            if (item.getStream() != null) {
                                lines.accept(item.getStream().getBytes(StandardCharsets.UTF_8));
                            }
                            if (item.getErrorDetail() != null) {
                                error.append(item.getErrorDetail().getMessage());
                            }
                            super.onNext(item);
                        }
                    }).awaitImageId(BUILD_TIMEOUT_MINUTES, TimeUnit.MINUTES);
            log.info("built {} in {} s", tag, (System.nanoTime() - started) / 1_000_000_000);
        } catch (DockerClientException e) {
            lines.flush();
            throw new SlipwayException("building the " + service + " image failed: "
                    + (error.length() > 0 ? error : e.getMessage()) + "; last lines: " + String.join(" / ", tail));
        } catch (IOException e) {
            throw new SlipwayException("cannot prepare the " + service + " image recipe: " + e.getMessage(), e);
        } finally {
            lines.flush();
            delete(context);
        }
    }

    /** Older images of the service go, unless a container (a running add-on) still uses them. */
    private void pruneOlder(Service service, String current) {
        for (var image : docker.listImagesCmd().withLabelFilter(Map.of("io.slipway.addon.service", service.id())).exec()) {
            String[] tags = image.getRepoTags();
            if (tags == null || List.of(tags).contains(current)) {
                continue;
            }
            try {
                docker.removeImageCmd(image.getId()).exec();
                log.info("removed the older {} image {}", service, String.join(", ", tags));
            } catch (RuntimeException e) {
                log.debug("keeping {}: {}", String.join(", ", tags), e.getMessage());
            }
        }
    }

    private static void delete(Path dir) {
        if (dir == null) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            log.debug("cannot delete {}: {}", dir, e.getMessage());
        }
    }
}
