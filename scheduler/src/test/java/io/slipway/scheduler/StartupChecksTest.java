package io.slipway.scheduler;

import static org.assertj.core.api.Assertions.assertThat;

import io.slipway.core.AppManifest.HealthCheck;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StartupChecksTest {

    @Test
    void anAppsOwnChecksMayGiveItLongerToStartThanThePlatformsBootTimeout() {
        // Dokku's example for a slow JVM: 30 attempts, 5 s apart, 5 s each, after 10 s.
        HealthCheck patient = check(10, 30, 5, 5);

        assertThat(StartupChecks.bootTimeout(Duration.ofSeconds(60), List.of(patient))).isEqualTo(Duration.ofSeconds(310));
        assertThat(StartupChecks.bootTimeout(Duration.ofSeconds(60), List.of(check(0, 3, 5, 5))))
                .isEqualTo(Duration.ofSeconds(60));
        assertThat(StartupChecks.bootTimeout(Duration.ofSeconds(60), List.of())).isEqualTo(Duration.ofSeconds(60));
    }

    private static HealthCheck check(int initialDelay, int attempts, int timeout, int wait) {
        return new HealthCheck("startup", "web check", "/health", 0, attempts, timeout, wait, initialDelay, "", List.of(),
                0, false, Map.of(), "http", false);
    }
}
