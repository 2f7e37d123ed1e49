package io.slipway.builder.appfiles;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.slipway.core.InvalidInputException;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProcfileTest {

    @Test
    void parseWhenLinesAreWellFormedReturnsEachType() {
        Procfile procfile = Procfile.parse("web: node server.js\nworker: npm run worker\n");

        assertThat(procfile.processes()).containsOnly(
                Map.entry("web", "node server.js"),
                Map.entry("worker", "npm run worker"));
    }

    @Test
    void parseWhenTextIsEmptyReturnsNoProcesses() {
        assertThat(Procfile.parse("").processes()).isEmpty();
        assertThat(Procfile.parse("\n\n  \n").processes()).isEmpty();
    }

    @Test
    void parseSkipsCommentsAndBlankLines() {
        Procfile procfile = Procfile.parse("# the web process\n\n   \n  # indented comment\nweb: node server.js\n\n");

        assertThat(procfile.processes()).containsOnly(Map.entry("web", "node server.js"));
    }

    @Test
    void parseWhenHashHasNoSpaceBeforeItKeepsIt() {
        Procfile procfile = Procfile.parse("web: curl http://localhost/#fragment\nworker: echo a#b");

        assertThat(procfile.processes()).containsOnly(
                Map.entry("web", "curl http://localhost/#fragment"),
                Map.entry("worker", "echo a#b"));
    }

    @Test
    void parseKeepsATrailingCommentForTheShellToIgnore() {
        Procfile procfile = Procfile.parse("web: node server.js # the main app\nworker: run\t# tabbed");

        assertThat(procfile.processes()).containsOnly(
                Map.entry("web", "node server.js # the main app"),
                Map.entry("worker", "run\t# tabbed"));
    }

    @Test
    void parseWhenLinesEndWithCrLfDropsTheCarriageReturns() {
        Procfile procfile = Procfile.parse("web: node server.js\r\n# note\r\nworker: npm start\r\n");

        assertThat(procfile.processes()).containsOnly(
                Map.entry("web", "node server.js"),
                Map.entry("worker", "npm start"));
    }

    @Test
    void parseKeepsColonsAndQuotesInTheCommand() {
        Procfile procfile = Procfile.parse("web: node -e 'console.log(\"a: b\")' --listen=0.0.0.0:$PORT");

        assertThat(procfile.processes()).containsEntry("web",
                "node -e 'console.log(\"a: b\")' --listen=0.0.0.0:$PORT");
    }

    @Test
    void parseAllowsSpacesAroundTheColon() {
        Procfile procfile = Procfile.parse("  web  :   node server.js   ");

        assertThat(procfile.processes()).containsOnly(Map.entry("web", "node server.js"));
    }

    @Test
    void parseAcceptsDashesUnderscoresAndUpperCaseInTypes() {
        Procfile procfile = Procfile.parse("Web_2-x: run");

        assertThat(procfile.processes()).containsOnly(Map.entry("Web_2-x", "run"));
    }

    @Test
    void parseWhenTypeIsDuplicatedRefusesWithLine() {
        assertThatThrownBy(() -> Procfile.parse("web: a\n# comment\n\nweb: b\n"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("line 4")
                .hasMessageContaining("'web'")
                .hasMessageContaining("defined twice");
    }

    @Test
    void parseWhenTypeIsDuplicatedAfterCrLfLinesCountsLinesCorrectly() {
        assertThatThrownBy(() -> Procfile.parse("web: a\r\nworker: b\r\nweb: c\r\n"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("line 3");
    }

    @Test
    void parseWhenLineHasNoColonRefusesWithLine() {
        assertThatThrownBy(() -> Procfile.parse("web: ok\nworker node worker.js"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("Procfile line 2")
                .hasMessageContaining("expected 'TYPE: command'")
                .hasMessageContaining("worker node worker.js");
    }

    @Test
    void parseWhenTypeHasForbiddenCharactersRefusesWithLine() {
        assertThatThrownBy(() -> Procfile.parse("\n\nweb.1: run"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("line 3");
        assertThatThrownBy(() -> Procfile.parse(": run"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("line 1");
        assertThatThrownBy(() -> Procfile.parse("my web: run"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("line 1");
    }

    @Test
    void parseWhenMalformedLineIsLongAbbreviatesIt() {
        String line = "x".repeat(500);

        assertThatThrownBy(() -> Procfile.parse(line))
                .isInstanceOf(InvalidInputException.class)
                .message().hasSizeLessThan(200).contains("...");
    }

    @Test
    void parseWhenCommandIsEmptyRefusesWithLine() {
        assertThatThrownBy(() -> Procfile.parse("web: run\nworker:"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("line 2")
                .hasMessageContaining("'worker' has no command");
        assertThatThrownBy(() -> Procfile.parse("worker:    \t "))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("has no command");
    }

    @Test
    void parseWhenCommandIsOnlyACommentRefusesWithLine() {
        assertThatThrownBy(() -> Procfile.parse("web: # disabled for now"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("line 1")
                .hasMessageContaining("has no command");
    }

    @Test
    void parseWhenHashIsInsideQuotesKeepsIt() {
        Procfile procfile = Procfile.parse("web: ./run --title \"Build #42\"\nworker: echo 'a #b'");

        assertThat(procfile.processes()).containsOnly(
                Map.entry("web", "./run --title \"Build #42\""),
                Map.entry("worker", "echo 'a #b'"));
    }

    @Test
    void parseWhenTextStartsWithAByteOrderMarkIgnoresIt() {
        Procfile procfile = Procfile.parse("\uFEFFweb: node server.js\n");

        assertThat(procfile.processes()).containsOnly(Map.entry("web", "node server.js"));
    }

    @Test
    void parseWhenTypeIsSixtyThreeCharactersAcceptsIt() {
        String type = "w".repeat(63);

        assertThat(Procfile.parse(type + ": run").processes()).containsOnly(Map.entry(type, "run"));
    }

    @Test
    void parseWhenTypeIsLongerThanSixtyThreeCharactersRefusesWithLine() {
        String type = "w".repeat(64);

        assertThatThrownBy(() -> Procfile.parse("web: run\n" + type + ": run"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("line 2")
                .hasMessageContaining("longer than 63 characters");
    }

    @Test
    void processesCannotBeChanged() {
        Procfile procfile = Procfile.parse("web: run");

        assertThatThrownBy(() -> procfile.processes().put("x", "y")).isInstanceOf(UnsupportedOperationException.class);
    }
}
