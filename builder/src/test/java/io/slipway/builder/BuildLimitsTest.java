package io.slipway.builder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.slipway.core.BuildFailedException;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BuildLimitsTest {

    private static final long FALLBACK_SECONDS = 1200;
    private static final long FALLBACK_BYTES = 2L << 30;

    private static long timeout(String value) {
        return BuildLimits.timeoutSeconds(Map.of("SLIPWAY_BUILD_TIMEOUT", value), FALLBACK_SECONDS);
    }

    private static long memory(String value) {
        return BuildLimits.memoryBytes(Map.of("SLIPWAY_BUILD_MEMORY", value), FALLBACK_BYTES);
    }

    @Test
    void timeoutSecondsWhenBareNumberReadsSeconds() {
        assertThat(timeout("900")).isEqualTo(900);
        assertThat(timeout("45s")).isEqualTo(45);
    }

    @Test
    void timeoutSecondsReadsMinutesAndHours() {
        assertThat(timeout("15m")).isEqualTo(900);
        assertThat(timeout("1h")).isEqualTo(3600);
        assertThat(timeout(" 2 H ")).isEqualTo(7200);
    }

    @Test
    void timeoutSecondsWhenAbsentOrBlankGivesTheFallback() {
        assertThat(BuildLimits.timeoutSeconds(Map.of(), FALLBACK_SECONDS)).isEqualTo(FALLBACK_SECONDS);
        assertThat(timeout("   ")).isEqualTo(FALLBACK_SECONDS);
    }

    @Test
    void timeoutSecondsWhenZeroRefuses() {
        assertThatThrownBy(() -> timeout("0"))
                .isInstanceOf(BuildFailedException.class)
                .hasMessageContaining("SLIPWAY_BUILD_TIMEOUT='0'");
        assertThatThrownBy(() -> timeout("0m")).isInstanceOf(BuildFailedException.class);
    }

    @Test
    void timeoutSecondsWhenNotADurationRefusesNamingTheVariableAndValue() {
        for (String value : new String[] {"soon", "15 minutes", "-5", "1.5h", "2d", "1234567"}) {
            assertThatThrownBy(() -> timeout(value))
                    .as(value)
                    .isInstanceOf(BuildFailedException.class)
                    .hasMessageContaining("SLIPWAY_BUILD_TIMEOUT='" + value + "'")
                    .satisfies(e -> assertThat(((BuildFailedException) e).phase()).isEqualTo("setup"));
        }
    }

    @Test
    void memoryBytesReadsSizes() {
        assertThat(memory("4g")).isEqualTo(4L << 30);
        assertThat(memory("4096m")).isEqualTo(4L << 30);
        assertThat(memory("512")).isEqualTo(512L << 20);
    }

    @Test
    void memoryBytesWhenAbsentOrBlankGivesTheFallback() {
        assertThat(BuildLimits.memoryBytes(Map.of(), FALLBACK_BYTES)).isEqualTo(FALLBACK_BYTES);
        assertThat(memory("")).isEqualTo(FALLBACK_BYTES);
    }

    @Test
    void memoryBytesWhenNotASizeOrTooSmallRefusesNamingTheVariable() {
        assertThatThrownBy(() -> memory("plenty"))
                .isInstanceOf(BuildFailedException.class)
                .hasMessageContaining("SLIPWAY_BUILD_MEMORY='plenty'");
        assertThatThrownBy(() -> memory("1m"))
                .isInstanceOf(BuildFailedException.class)
                .hasMessageContaining("SLIPWAY_BUILD_MEMORY='1m'");
    }
}
