package io.slipway.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReleaseTest {

    @Test
    void theWebPortIsThePortConfigVarWhenTheAppSetsOneElseTheBuilds() {
        AppManifest manifest = AppManifest.ofProcesses(Map.of("web", "node server.js"));

        assertThat(release(manifest, Map.of()).port()).isEqualTo(manifest.port()).isEqualTo(AppManifest.DEFAULT_PORT);
        assertThat(release(manifest, Map.of("PORT", "3000")).port()).isEqualTo(3000);
        assertThat(release(manifest, Map.of("PORT", "80")).port()).as("refused by config:set").isEqualTo(manifest.port());
    }

    @Test
    void aPortConfigVarIsAPortAnAppMayListenOn() {
        assertThat(Release.portProblem("3000")).isEmpty();
        assertThat(Release.portProblem("65535")).isEmpty();
        assertThat(Release.portProblem("1024")).isEmpty();
        for (String bad : new String[] {"1", "80", "1023", "65536", "99999", "3000 ", "0x50", "", "abc"}) {
            assertThat(Release.portProblem(bad)).as(bad).startsWith("PORT is the port the web process listens on");
        }
    }

    private static Release release(AppManifest manifest, Map<String, String> config) {
        return new Release(AppName.of("shop"), 1, "slipway/shop:v1", "c0ffee", "Deploy", Release.Status.DEPLOYED,
                manifest, config, Instant.EPOCH);
    }
}
