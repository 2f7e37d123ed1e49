package io.slipway.receiver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.slipway.core.InvalidInputException;
import org.junit.jupiter.api.Test;

class CommandLineTest {

    @Test
    void splitSeparatesWordsOnAnyWhiteSpace() {
        assertThat(CommandLine.split("  releases \t hello\n")).containsExactly("releases", "hello");
    }

    @Test
    void splitWhenLineIsBlankReturnsNoWords() {
        assertThat(CommandLine.split("")).isEmpty();
        assertThat(CommandLine.split("   \t ")).isEmpty();
    }

    @Test
    void splitWhenWordIsSingleQuotedKeepsEverythingLiterally() {
        assertThat(CommandLine.split("git-receive-pack '/hello.git'")).containsExactly("git-receive-pack", "/hello.git");
        assertThat(CommandLine.split("echo 'a \"b\" \\n $x'")).containsExactly("echo", "a \"b\" \\n $x");
    }

    @Test
    void splitWhenWordIsDoubleQuotedKeepsSpacesAndUnescapesOnlyTheShellSpecials() {
        assertThat(CommandLine.split("echo \"a b\"")).containsExactly("echo", "a b");
        assertThat(CommandLine.split("echo \"q\\\"q \\\\ \\$ \\` \\n\""))
                .containsExactly("echo", "q\"q \\ $ ` \\n");
    }

    @Test
    void splitJoinsAdjacentQuotedAndUnquotedParts() {
        assertThat(CommandLine.split("a'b c'\"d e\"f")).containsExactly("ab cd ef");
    }

    @Test
    void splitWhenQuotesAreEmptyKeepsAnEmptyWord() {
        assertThat(CommandLine.split("set '' \"\" x")).containsExactly("set", "", "", "x");
    }

    @Test
    void splitWhenBackslashIsOutsideQuotesEscapesTheNextCharacter() {
        assertThat(CommandLine.split("a\\ b c\\'d \\\\ \\\"")).containsExactly("a b", "c'd", "\\", "\"");
    }

    @Test
    void splitWhenLineEndsInABackslashKeepsIt() {
        assertThat(CommandLine.split("abc\\")).containsExactly("abc\\");
    }

    @Test
    void splitDoesNotExpandAnything() {
        assertThat(CommandLine.split("$HOME ~ * `id` $(id)")).containsExactly("$HOME", "~", "*", "`id`", "$(id)");
    }

    @Test
    void splitWhenSingleQuoteIsUnterminatedRefuses() {
        assertThatThrownBy(() -> CommandLine.split("git-receive-pack '/hello.git"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("unterminated")
                .hasMessageContaining("'");
    }

    @Test
    void splitWhenDoubleQuoteIsUnterminatedRefuses() {
        assertThatThrownBy(() -> CommandLine.split("echo \"abc \\\""))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("unterminated")
                .hasMessageContaining("\"");
    }

    @Test
    void splitWhenLineIsAtTheLimitAcceptsIt() {
        String line = "x".repeat(CommandLine.MAX_LENGTH);

        assertThat(CommandLine.split(line)).containsExactly(line);
    }

    @Test
    void splitWhenLineIsTooLongRefuses() {
        assertThatThrownBy(() -> CommandLine.split("x".repeat(CommandLine.MAX_LENGTH + 1)))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("longer than " + CommandLine.MAX_LENGTH);
    }
}
