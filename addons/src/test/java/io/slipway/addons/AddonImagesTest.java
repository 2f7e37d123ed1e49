package io.slipway.addons;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AddonImagesTest {

    @Test
    void everyServiceHasItsRecipeInTheJar() {
        for (Service service : Service.values()) {
            Map<String, byte[]> recipe = AddonImages.recipe(service);

            assertThat(recipe).containsKeys("Dockerfile", "bin/addon-start", "bin/addon-ready", "bin/addon-version",
                    "bin/addon-backup", "bin/addon-restore", "bin/addon-connect");
            assertThat(new String(recipe.get("Dockerfile"), StandardCharsets.UTF_8))
                    .contains("FROM slipway/stack-run:latest").contains("apt-get install")
                    .contains("ENTRYPOINT [\"addon-start\"]").doesNotContain("USER root\nENTRYPOINT");
        }
    }

    @Test
    void hashChangesWithTheRecipeAndTheStack() {
        Map<String, byte[]> recipe = AddonImages.recipe(Service.REDIS);
        Map<String, byte[]> changed = new LinkedHashMap<>(recipe);
        changed.put("bin/addon-start", "#!/bin/bash\nexit 1\n".getBytes(StandardCharsets.UTF_8));

        String hash = AddonImages.hash("sha256:stack1", recipe);

        assertThat(hash).matches("[0-9a-f]{16}").isEqualTo(AddonImages.hash("sha256:stack1", recipe));
        assertThat(AddonImages.hash("sha256:stack2", recipe)).isNotEqualTo(hash);
        assertThat(AddonImages.hash("sha256:stack1", changed)).isNotEqualTo(hash);
    }
}
