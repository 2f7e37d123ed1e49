package io.slipway.builder;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class LaunchCommandTest {

    private static final TomlMapper TOML = new TomlMapper();

    @Test
    void ofWhenCommandIsAnArrayJoinsTheWords() throws IOException {
        JsonNode process = process("command = [\"node\", \"server.js\"]");

        assertThat(LaunchCommand.of(process)).isEqualTo("node server.js");
    }

    @Test
    void ofWhenArrayCommandHasArgsAppendsThem() throws IOException {
        JsonNode process = process("command = [\"bundle\", \"exec\", \"rails\"]\nargs = [\"server\", \"--port=8080\"]");

        assertThat(LaunchCommand.of(process)).isEqualTo("bundle exec rails server --port=8080");
    }

    @Test
    void ofWhenWordsHoldSpacesOrQuotesQuotesThem() throws IOException {
        JsonNode process = process("command = [\"/app/my server\"]\nargs = [\"it's\", 'say \"hi\"', \"\"]");

        assertThat(LaunchCommand.of(process)).isEqualTo("'/app/my server' 'it'\\''s' 'say \"hi\"' ''");
    }

    @Test
    void ofWhenCommandIsAStringWithoutArgsKeepsItAsAShellLine() throws IOException {
        JsonNode process = process("command = \"bundle exec rails s -p $PORT && echo 'done'\"");

        assertThat(LaunchCommand.of(process)).isEqualTo("bundle exec rails s -p $PORT && echo 'done'");
    }

    @Test
    void ofWhenStringCommandHasEmptyArgsKeepsItAsAShellLine() throws IOException {
        JsonNode process = process("command = \"npm start\"\nargs = []");

        assertThat(LaunchCommand.of(process)).isEqualTo("npm start");
    }

    @Test
    void ofWhenStringCommandHasArgsQuotesEachWord() throws IOException {
        JsonNode process = process("command = \"start\"\nargs = [\"a b\", \"c\"]");

        assertThat(LaunchCommand.of(process)).isEqualTo("start 'a b' c");
    }

    @Test
    void ofWhenCommandIsMissingUsesTheArgs() throws IOException {
        JsonNode process = process("args = [\"x\", \"y z\"]");

        assertThat(LaunchCommand.of(process)).isEqualTo("x 'y z'");
    }

    @Test
    void quoteLeavesShellSafeWordsAlone() {
        for (String word : List.of("node", "server.js", "--port=8080", "/usr/bin/env", "a,b", "user@host", "50%",
                "x+y", "host:80", "A_B-c")) {
            assertThat(LaunchCommand.quote(word)).as(word).isEqualTo(word);
        }
    }

    @Test
    void quoteWrapsEverythingTheShellWouldInterpret() {
        for (String word : List.of("$PORT", "a b", "*", "a;b", "a&b", "a|b", "`id`", "$(id)", "~", "a\\b",
                "a\nb", "\"", "'", "!", "#x", "a>b", "{a,b}", "é")) {
            assertThat(LaunchCommand.quote(word)).as(word).startsWith("'").endsWith("'");
        }
    }

    @Test
    void ofProducesALineTheShellSplitsBackIntoTheSameWords() throws Exception {
        List<String> args = List.of("plain", "two words", "it's", "say \"hi\"", "$HOME", "`id`", "$(id)", "a;b",
                "back\\slash", "new\nline", "*", "~", "", "'", "''", "tab\there", "#not-a-comment", "é ü");
        JsonNode process = TOML.createObjectNode()
                .<com.fasterxml.jackson.databind.node.ObjectNode>set("command",
                        TOML.createArrayNode().add("printf").add("%s\\0"))
                .set("args", TOML.valueToTree(args));

        String line = LaunchCommand.of(process);

        assertThat(shell(line)).containsExactlyElementsOf(args);
    }

    private static List<String> shell(String line) throws Exception {
        Process sh = new ProcessBuilder("/bin/sh", "-c", line).redirectErrorStream(true).start();
        byte[] out = sh.getInputStream().readAllBytes();
        assertThat(sh.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(sh.exitValue()).isZero();
        String text = new String(out, StandardCharsets.UTF_8);
        List<String> words = new ArrayList<>(Arrays.asList(text.split("\0", -1)));
        words.remove(words.size() - 1);
        return words;
    }

    private static JsonNode process(String body) throws IOException {
        return TOML.readTree("[[processes]]\ntype = \"web\"\n" + body + "\n").path("processes").get(0);
    }
}
