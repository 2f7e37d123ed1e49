package io.slipway.addons;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class AddonSupervisorTest {

    @Test
    void backoffDoublesUpToTheMaximum() {
        AddonSupervisor.Health h = new AddonSupervisor.Health();
        Duration max = Duration.ofSeconds(60);

        assertThat(h.backoff(max)).isZero();
        h.failures = 1;
        assertThat(h.backoff(max)).hasSeconds(2);
        h.failures = 3;
        assertThat(h.backoff(max)).hasSeconds(8);
        h.failures = 40;
        assertThat(h.backoff(max)).hasSeconds(60);
    }
}
