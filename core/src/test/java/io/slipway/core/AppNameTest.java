package io.slipway.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AppNameTest {

    @ParameterizedTest
    @ValueSource(strings = {"a", "hello", "my-app", "app2", "a-b-c", "x1-2-3", "abcdefghijklmnopqrstuvwxyz0123",
            "blog_1", "my-app_12"})
    void ofWhenNameFollowsTheRuleKeepsIt(String name) {
        assertThat(AppName.of(name).value()).isEqualTo(name);
        assertThat(AppName.of(name)).hasToString(name);
    }

    @ParameterizedTest
    @ValueSource(strings = {"../x", "x/y", "Hello", "HELLO", "1app", "-app", "app-", "my_app", "my.app", "my app",
            "app\n", "\tapp", "abcdefghijklmnopqrstuvwxyz01234", "", "app_0", "app-_1", "app_", "_1", "app_1_2"})
    void ofWhenNameBreaksTheRuleRefusesWithTheRule(String name) {
        assertThatThrownBy(() -> AppName.of(name))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("1-30 lower-case letters, digits and dashes")
                .hasMessageContaining("starting with a letter")
                .hasMessageContaining("not ending with a dash");
    }

    @Test
    void ofWhenNameIsExactlyThirtyCharactersAcceptsIt() {
        assertThat(AppName.of("a".repeat(30)).value()).hasSize(30);
    }

    @Test
    void ofWhenNameIsThirtyOneCharactersRefuses() {
        assertThatThrownBy(() -> AppName.of("a".repeat(31))).isInstanceOf(InvalidInputException.class);
    }

    @Test
    void ofWhenNameIsNullRefusesWithTheRule() {
        assertThatThrownBy(() -> AppName.of(null))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("1-30 lower-case letters");
    }

    @Test
    void ofWhenNameIsInvalidQuotesItInTheMessage() {
        assertThatThrownBy(() -> AppName.of("../x")).hasMessageContaining("'../x'");
    }

    @Test
    void ofWhenNameHasControlCharactersDoesNotEchoThem() {
        assertThatThrownBy(() -> AppName.of("ab\u001b[2Jc"))
                .isInstanceOf(InvalidInputException.class)
                .message().doesNotContain("\u001b");
    }

    @Test
    void ofWhenNameIsVeryLongAbbreviatesItInTheMessage() {
        String name = "x".repeat(5000);
        assertThatThrownBy(() -> AppName.of(name))
                .isInstanceOf(InvalidInputException.class)
                .message().hasSizeLessThan(300).contains("...");
    }

    @ParameterizedTest
    @ValueSource(strings = {"admin", "slipway", "api", "git", "www", "localhost", "router", "help"})
    void ofWhenNameIsReservedRefusesSayingSo(String name) {
        assertThatThrownBy(() -> AppName.of(name))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("'" + name + "'")
                .hasMessageContaining("reserved");
    }

    @Test
    void ofWhenNameOnlyStartsLikeAReservedNameAcceptsIt() {
        assertThat(AppName.of("admin-panel").value()).isEqualTo("admin-panel");
    }

    @Test
    void equalsAndCompareToFollowTheValue() {
        assertThat(AppName.of("abc")).isEqualTo(AppName.of("abc")).hasSameHashCodeAs(AppName.of("abc"));
        assertThat(AppName.of("abc")).isLessThan(AppName.of("abd"));
    }
}
