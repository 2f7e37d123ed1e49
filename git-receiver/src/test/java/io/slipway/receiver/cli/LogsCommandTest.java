package io.slipway.receiver.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LogsCommandTest {

    @Test
    void asJsonSplitsTimeSourceAndText() {
        assertThat(LogsCommand.asJson("2025-01-02T03:04:05.678Z web.1 | GET / 200 | \"quoted\""))
                .isEqualTo("{\"at\":\"2025-01-02T03:04:05.678Z\",\"source\":\"web.1\",\"text\":\"GET / 200 | \\\"quoted\\\"\"}");
    }

    @Test
    void asJsonWhenLineHasNoSourceKeepsItAllAsText() {
        assertThat(LogsCommand.asJson("no separator here")).isEqualTo("{\"at\":\"\",\"source\":\"\",\"text\":\"no separator here\"}");
    }
}
