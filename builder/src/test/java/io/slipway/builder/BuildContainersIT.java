package io.slipway.builder;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.NotFoundException;
import io.slipway.core.AppName;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Build containers against the real engine: a successful build leaves the app's cache restored
 * and a spare container started for its next build; a failed one leaves neither.
 */
class BuildContainersIT {

    static final String IMAGE = "slipway/stack-build:latest";
    static final long MEMORY = 1L << 30;
    static DockerClient docker;
    static BuildContainers containers;
    static String imageId;
    static AppName app;

    @BeforeAll
    static void start() {
        docker = TestDocker.connect();
        containers = new BuildContainers(docker, IMAGE, 1, "/tmp/it-build-containers");
        imageId = docker.inspectImageCmd(IMAGE).exec().getId();
        app = AppName.of("it-bc-" + UUID.randomUUID().toString().substring(0, 6));
    }

    @AfterAll
    static void stop() {
        containers.remove(app);
        containers.close();
        containersOfApp().forEach(id -> docker.removeContainerCmd(id).withForce(true).exec());
        docker.removeVolumeCmd("slipway-cache-" + app).exec();
    }

    @Test
    void successfulBuildRestoresTheCacheAndLeavesASpareForTheNextBuild() {
        BuildContainers.Lease first = containers.acquire(app, imageId, MEMORY, Map.of());
        assertThat(first.restored()).isFalse();
        BuildContainer container = first.container();
        container.capture(List.of("sh", "-c", "mkdir -p /layers/bp/kept /layers/bp/dropped && touch /layers/bp/kept/file"
                + " /layers/bp/dropped/file && printf '[types]\\ncache = true\\nlaunch = true\\n' > /layers/bp/kept.toml"
                + " && printf '[types]\\nlaunch = true\\n' > /layers/bp/dropped.toml && : > /layers/bp/launch.toml"),
                BuildContainer.USER);
        containers.release(app, container, LayerInventory.read(container), imageId, MEMORY, Map.of());

        awaitSpare(container.id());
        List<String> spare = containersOfApp();
        BuildContainers.Lease second = containers.acquire(app, imageId, MEMORY, Map.of());
        assertThat(second.restored()).isTrue();
        assertThat(gone(container.id())).as("the first build's container is removed").isTrue();
        assertThat(spare).as("the spare started after the first build is the second build's").containsExactly(
                second.container().id());
        assertThat(second.container().capture(List.of("sh", "-c", "cd /layers/bp && ls -A; ls -A kept"),
                BuildContainer.USER).split("\n")).containsExactlyInAnyOrder("dropped.toml", "kept", "kept.toml", "file");

        containers.release(app, second.container(), null, imageId, MEMORY, Map.of());
        BuildContainers.Lease third = containers.acquire(app, imageId, MEMORY, Map.of());
        assertThat(third.restored()).as("a failed build leaves the cache to be restored").isFalse();
        assertThat(gone(second.container().id())).isTrue();
        containers.release(app, third.container(), LayerInventory.read(third.container()), imageId, MEMORY, Map.of());

        awaitSpare(third.container().id());
        BuildContainers.Lease other = containers.acquire(app, imageId, MEMORY / 2, Map.of());
        assertThat(other.restored()).isTrue();
        assertThat(docker.inspectContainerCmd(other.container().id()).exec().getHostConfig().getMemory())
                .isEqualTo(MEMORY / 2);
        assertThat(containersOfApp()).as("a spare with other limits is removed, not used")
                .containsExactly(other.container().id());
        try (BuildContainers elsewhere = new BuildContainers(docker, IMAGE, 1, "/tmp/another-daemon")) {
            elsewhere.removeLeftovers();
        }
        assertThat(gone(other.container().id())).as("another daemon's start leaves this one's build alone").isFalse();
        containers.release(app, other.container(), null, imageId, MEMORY / 2, Map.of());
    }

    /** The clean-up after a successful build ends with its container gone and a spare started. */
    private static void awaitSpare(String built) {
        for (int i = 0; i < 100 && (containersOfApp().size() != 1 || containersOfApp().contains(built)); i++) {
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private static List<String> containersOfApp() {
        return docker.listContainersCmd().withShowAll(true).withLabelFilter(Map.of("io.slipway.app", app.value()))
                .exec().stream().map(c -> c.getId()).toList();
    }

    private static boolean gone(String id) {
        try {
            docker.inspectContainerCmd(id).exec();
            return false;
        } catch (NotFoundException e) {
            return true;
        }
    }
}
