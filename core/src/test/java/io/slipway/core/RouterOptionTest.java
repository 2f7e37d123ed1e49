package io.slipway.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RouterOptionTest {

    @Test
    void checkWhenValueIsValidNormalizesIt() {
        assertThat(RouterOption.BALANCING.check(" Round-Robin ")).isEqualTo("round-robin");
        assertThat(RouterOption.MAX_BODY_SIZE.check("10M")).isEqualTo("10m");
        assertThat(RouterOption.FIRST_BYTE_TIMEOUT.check("90")).isEqualTo("90");
        assertThat(RouterOption.REDIRECT_TO_HTTPS.check("TRUE")).isEqualTo("true");
    }

    @Test
    void checkWhenValueIsInvalidNamesTheKeyAndWhatIsAccepted() {
        assertThatThrownBy(() -> RouterOption.BALANCING.check("random"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("invalid balancing 'random': use least-outstanding or round-robin");
        assertThatThrownBy(() -> RouterOption.MAX_BODY_SIZE.check("-1")).hasMessageContaining("use a size");
        assertThatThrownBy(() -> RouterOption.MAX_BODY_SIZE.check("2t")).hasMessageContaining("from 0 to 1t");
        assertThatThrownBy(() -> RouterOption.MAX_BODY_SIZE.check("10 mb")).hasMessageContaining("use a size");
        assertThatThrownBy(() -> RouterOption.FIRST_BYTE_TIMEOUT.check("0")).hasMessageContaining("from 1s to 1h");
        assertThatThrownBy(() -> RouterOption.FIRST_BYTE_TIMEOUT.check("2h")).hasMessageContaining("from 1s to 1h");
        assertThatThrownBy(() -> RouterOption.FIRST_BYTE_TIMEOUT.check("soon")).hasMessageContaining("duration");
        assertThatThrownBy(() -> RouterOption.REDIRECT_TO_HTTPS.check("yes")).hasMessageContaining("true or false");
        assertThatThrownBy(() -> RouterOption.SESSION_AFFINITY.check("on")).hasMessageContaining("true or false");
    }

    @Test
    void ofWhenKeyIsUnknownListsTheKnownOnes() {
        assertThat(RouterOption.of("Max-Body-Size")).isEqualTo(RouterOption.MAX_BODY_SIZE);
        assertThatThrownBy(() -> RouterOption.of("timeout"))
                .hasMessage("unknown router setting 'timeout': use one of balancing, max-body-size, "
                        + "first-byte-timeout, redirect-to-https, session-affinity");
    }

    @Test
    void optionsWhenSomeAreChosenGiveTypedValuesAndDefaultsForTheRest() {
        RouterOptions options = RouterOptions.DEFAULTS.with(RouterOption.MAX_BODY_SIZE, "2k")
                .with(RouterOption.FIRST_BYTE_TIMEOUT, "2m").with(RouterOption.BALANCING, "round-robin");
        assertThat(options.maxBodySize()).isEqualTo(2048);
        assertThat(options.firstByteTimeout()).isEqualTo(Duration.ofMinutes(2));
        assertThat(options.roundRobin()).isTrue();
        assertThat(options.redirectToHttps()).isFalse();
        assertThat(options.sessionAffinity()).isFalse();
        assertThat(options.with(RouterOption.SESSION_AFFINITY, "True").sessionAffinity()).isTrue();
        assertThat(options.isDefault(RouterOption.REDIRECT_TO_HTTPS)).isTrue();
        assertThat(options.value(RouterOption.REDIRECT_TO_HTTPS)).isEqualTo("false");
        RouterOptions back = options.without(RouterOption.MAX_BODY_SIZE).without(RouterOption.FIRST_BYTE_TIMEOUT);
        assertThat(back.maxBodySize()).isEqualTo(-1);
        assertThat(back.firstByteTimeout()).isEqualTo(Duration.ZERO);
        assertThat(RouterOptions.DEFAULTS.roundRobin()).isFalse();
    }

    @Test
    void optionsWhenAValueIsInvalidAreRefused() {
        assertThatThrownBy(() -> new RouterOptions(Map.of(RouterOption.BALANCING, "fastest")))
                .isInstanceOf(InvalidInputException.class);
    }
}
