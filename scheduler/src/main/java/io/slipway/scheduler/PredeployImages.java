package io.slipway.scheduler;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectImageResponse;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.ChangeLog;
import com.github.dockerjava.api.model.ContainerConfig;
import io.slipway.core.AppName;
import io.slipway.core.PushLog;
import io.slipway.core.Release;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What app.json's predeploy script writes is kept in the image the release runs, as on Dokku
 * ({@code "predeploy": "touch /app/predeploy.test"}, {@code collectstatic}). Not by committing the
 * script's container, whose config holds the release's config vars (a database password would
 * end up in the image), but by copying the files it added or changed into a container of the
 * built image that never ran, and committing that one: the release's image keeps its own
 * environment, command and labels. The image is tagged {@code slipway/APP:vN-predeploy} and made
 * from the built image at each deploy, so config changes and rollbacks do not stack layers.
 */
final class PredeployImages {

    private static final Logger log = LoggerFactory.getLogger(PredeployImages.class);
    private static final int ADDED = 1;
    private static final int DELETED = 2;
    private static final String SUFFIX = "-predeploy";
    /** The mount point of the engine's init (--init), made in the container when the image has none. */
    private static final Set<String> ENGINE_MOUNTS = Set.of("/sbin/docker-init", "/usr/sbin/docker-init",
            "/dev/init");

    private final DockerClient docker;

    PredeployImages(DockerClient docker) {
        this.docker = docker;
    }

    /** The image tag of {@code release} with its predeploy script's files. */
    static String tag(Release release) {
        return "slipway/" + release.app() + ":" + release.label() + SUFFIX;
    }

    /**
     * {@code release} as it runs: from its predeploy image when the deploy made one (after a restart
     * of the platform too), else from its built image.
     */
    Release resolve(Release release) {
        if (release.manifest().predeploy().isEmpty() || release.image().endsWith(SUFFIX)) {
            return release;
        }
        try {
            docker.inspectImageCmd(tag(release)).exec();
            return release.withImage(tag(release));
        } catch (NotFoundException e) {
            return release;
        }
    }

    /**
     * After the predeploy script ended well in {@code container}: {@code release} run from an image
     * with what it wrote, or as it is when it wrote nothing.
     */
    Release keep(String container, Release release, PushLog out) {
        // Where the engine mounted something (its init, volumes) is not the script's doing.
        Set<String> mounts = new HashSet<>(ENGINE_MOUNTS);
        var inspected = docker.inspectContainerCmd(container).exec();
        if (inspected.getMounts() != null) {
            inspected.getMounts().stream().filter(m -> m.getDestination() != null)
                    .forEach(m -> mounts.add(m.getDestination().getPath()));
        }
        List<ChangeLog> changes = docker.containerDiffCmd(container).exec();
        List<String> roots = copied(changes, mounts);
        List<String> removed = removed(changes);
        if (!removed.isEmpty()) {
            out.info("predeploy removed " + String.join(", ", removed.subList(0, Math.min(5, removed.size())))
                    + (removed.size() > 5 ? " and " + (removed.size() - 5) + " more" : "")
                    + ": only files it adds or changes are kept in the image; remove them at build time instead");
        }
        if (roots.isEmpty()) {
            return release;
        }
        // Created with nothing of its own (no labels, no environment): what it has, the image gets.
        String name = commitPrefix(release.app()) + release.label();
        removeQuietly(name);
        var create = docker.createContainerCmd(release.image()).withName(name);
        if (needsCommand(release.image())) {
            create.withCmd("true");
        }
        String clean = create.exec().getId();
        try {
            for (String path : roots) {
                String parent = path.substring(0, Math.max(1, path.lastIndexOf('/')));
                try (InputStream tar = docker.copyArchiveFromContainerCmd(container, path).exec()) {
                    docker.copyArchiveToContainerCmd(clean).withRemotePath(parent).withTarInputStream(tar).exec();
                }
            }
            String label = release.label() + SUFFIX;
            // The labels given are merged into the image's: the app that runs it owns it (a fork may
            // run another app's image), so that destroying the app removes it.
            docker.commitCmd(clean).withRepository("slipway/" + release.app()).withTag(label)
                    .withLabels(Map.of("io.slipway.app", release.app().value())).exec();
            out.info("kept what predeploy wrote in the image: " + summary(roots));
            return release.withImage(tag(release));
        } catch (IOException e) {
            throw new IllegalStateException("cannot copy what predeploy wrote: " + e.getMessage(), e);
        } finally {
            removeQuietly(clean);
        }
    }

    private void removeQuietly(String container) {
        try {
            docker.removeContainerCmd(container).withForce(true).exec();
        } catch (NotFoundException e) {
            // gone already
        }
    }

    /** The name of the containers that commit the app's predeploy images, before the release label. */
    private static String commitPrefix(AppName app) {
        return "slipway." + app + ".predeploy-commit.";
    }

    /**
     * Removes the app's predeploy images other than {@code serving}'s, those in use excepted, and the
     * commit containers a crash of the platform left behind. Never fails.
     */
    void prune(Release serving) {
        removeCommitContainersQuietly(serving.app());
        try {
            removeOthers(serving);
        } catch (RuntimeException e) {
            log.warn("could not prune the predeploy images of {}: {}", serving.app(), e.toString());
        }
    }

    /**
     * Removes the app's commit containers: none exists but while a deploy of the app, which holds its
     * lock, commits, or after a crash of the platform then. They carry no labels, which the image
     * would inherit. Never fails.
     */
    void removeCommitContainersQuietly(AppName app) {
        try {
            for (var container : docker.listContainersCmd().withShowAll(true)
                    .withNameFilter(List.of("^/" + commitPrefix(app).replace(".", "\\."))).exec()) {
                removeQuietly(container.getId());
            }
        } catch (RuntimeException e) {
            log.warn("could not remove the predeploy commit containers of {}: {}", app, e.toString());
        }
    }

    private void removeOthers(Release serving) {
        String prefix = "slipway/" + serving.app() + ":";
        for (var image : docker.listImagesCmd().withLabelFilter(Map.of("io.slipway.app", serving.app().value())).exec()) {
            for (String tag : image.getRepoTags() == null ? new String[0] : image.getRepoTags()) {
                if (tag.startsWith(prefix) && tag.endsWith(SUFFIX) && !tag.equals(serving.image())) {
                    try {
                        docker.removeImageCmd(tag).exec();
                    } catch (RuntimeException e) {
                        log.debug("{} stays: {}", tag, e.getMessage());
                    }
                }
            }
        }
    }

    /** Whether a container of {@code image} needs a command to be created: it names none of its own. */
    private boolean needsCommand(String image) {
        InspectImageResponse inspected = docker.inspectImageCmd(image).exec();
        ContainerConfig config = inspected.getConfig();
        return config == null || isEmpty(config.getCmd()) && isEmpty(config.getEntrypoint());
    }

    private static boolean isEmpty(String[] values) {
        return values == null || values.length == 0;
    }

    /**
     * The paths to copy for the engine's diff of a container: each added or changed file, and each
     * added directory whole; not the changed directories above them, which would copy whatever they
     * hold, nor {@code mounts}, where the engine mounted something.
     */
    static List<String> copied(Collection<ChangeLog> changes, Set<String> mounts) {
        Set<String> added = new HashSet<>();
        Set<String> parents = new HashSet<>();
        for (ChangeLog change : changes) {
            if (change.getKind() == ADDED) {
                added.add(change.getPath());
            }
            for (String p = parentOf(change.getPath()); p != null; p = parentOf(p)) {
                parents.add(p);
            }
        }
        TreeSet<String> roots = new TreeSet<>();
        for (ChangeLog change : changes) {
            String path = change.getPath();
            if (change.getKind() == DELETED || change.getKind() != ADDED && parents.contains(path) || underAny(path, added)
                    || mounts.contains(path)) {
                continue;
            }
            roots.add(path);
        }
        return List.copyOf(roots);
    }

    /** The paths the container deleted, without those under a deleted directory. */
    static List<String> removed(Collection<ChangeLog> changes) {
        Set<String> deleted = new HashSet<>();
        changes.stream().filter(c -> c.getKind() == DELETED).forEach(c -> deleted.add(c.getPath()));
        return deleted.stream().filter(p -> !underAny(p, deleted)).sorted().toList();
    }

    private static boolean underAny(String path, Set<String> directories) {
        for (String p = parentOf(path); p != null; p = parentOf(p)) {
            if (directories.contains(p)) {
                return true;
            }
        }
        return false;
    }

    private static String parentOf(String path) {
        int slash = path.lastIndexOf('/');
        return slash <= 0 ? null : path.substring(0, slash);
    }

    private static String summary(List<String> roots) {
        List<String> shown = new ArrayList<>(roots.subList(0, Math.min(5, roots.size())));
        return String.join(", ", shown) + (roots.size() > 5 ? " and " + (roots.size() - 5) + " more" : "");
    }
}
