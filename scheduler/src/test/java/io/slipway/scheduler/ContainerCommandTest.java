package io.slipway.scheduler;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.dockerjava.api.model.ContainerConfig;
import com.github.dockerjava.core.command.CreateContainerCmdImpl;
import io.slipway.core.AppManifest;
import io.slipway.core.AppName;
import io.slipway.core.Release;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ContainerCommandTest {

    private static ContainerConfig image(String user) throws Exception {
        return new ObjectMapper().readValue("{\"User\": \"" + user + "\"}", ContainerConfig.class);
    }

    private static InstanceSpec spec(boolean launcher, List<String> command) {
        AppManifest manifest = new AppManifest(Map.of("web", "node server.js"), Map.of(), Map.of(), List.of(), "", "",
                Map.of(), 5000, launcher, List.of(), "");
        Release release = new Release(AppName.of("shop"), 1, "slipway/shop:v1", "abc", "", Release.Status.PENDING,
                manifest, Map.of(), Instant.EPOCH);
        return command.isEmpty() ? InstanceSpec.formation(release, "web", 1, 0, 1 << 28)
                : InstanceSpec.oneOff(release, "run", 1, Labels.RUN_ROLE, command, 1 << 28);
    }

    private static CreateContainerCmdImpl create() {
        // An exec that is never called: only what the command was given is read.
        return new CreateContainerCmdImpl(command -> null, null, "slipway/shop:v1");
    }

    @Test
    void aDockerfilesNonRootUserIsKeptAndRootBecomesTheAppUser() throws Exception {
        assertThat(ContainerCommand.user(image("appuser"))).isEqualTo("appuser");
        assertThat(ContainerCommand.user(image("1001:1001"))).isEqualTo("1001:1001");
        assertThat(ContainerCommand.user(image("root"))).isEqualTo("1000:1000");
        assertThat(ContainerCommand.user(image("0:0"))).isEqualTo("1000:1000");
        assertThat(ContainerCommand.user(image(""))).isEqualTo("1000:1000");
        assertThat(ContainerCommand.user(null)).isEqualTo("1000:1000");
    }

    @Test
    void commandsGoToTheImagesEntrypointWhenItHasOne() {
        CreateContainerCmdImpl withEntrypoint = create();
        CreateContainerCmdImpl without = create();
        CreateContainerCmdImpl run = create();

        ContainerCommand.apply(withEntrypoint, spec(false, List.of()), true);
        ContainerCommand.apply(without, spec(false, List.of()), false);
        ContainerCommand.apply(run, spec(false, List.of("rake", "db:migrate")), true);

        assertThat(withEntrypoint.getEntrypoint()).isNull();
        assertThat(withEntrypoint.getCmd()).containsExactly("/bin/sh", "-c", "node server.js");
        assertThat(without.getEntrypoint()).containsExactly("/bin/sh", "-c");
        assertThat(without.getCmd()).containsExactly("node server.js");
        assertThat(run.getEntrypoint()).isNull();
        assertThat(run.getCmd()).containsExactly("rake", "db:migrate");
    }

    @Test
    void buildpackImagesRunThroughTheLauncher() {
        CreateContainerCmdImpl web = create();
        CreateContainerCmdImpl run = create();

        ContainerCommand.apply(web, spec(true, List.of()), false);
        ContainerCommand.apply(run, spec(true, List.of("node -v")), false);

        assertThat(web.getCmd()).containsExactly("web");
        assertThat(run.getCmd()).containsExactly("--", "node -v");
    }
}
