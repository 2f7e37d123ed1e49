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

    @Test
    void aProcessTypeSelectsItsInstancesAndAnInstanceOnlyItself() {
        String web1 = "2025-01-02T03:04:05.678Z web.1 | listening";
        String web12 = "2025-01-02T03:04:05.678Z web.12 | listening";
        String webhook = "2025-01-02T03:04:05.678Z webhook.1 | ready";
        String event = "2025-01-02T03:04:05.678Z slipway | deployed v2";

        assertThat(LogsCommand.fromProcess(web1, "web")).isTrue();
        assertThat(LogsCommand.fromProcess(web12, "web")).isTrue();
        assertThat(LogsCommand.fromProcess(webhook, "web")).isFalse();
        assertThat(LogsCommand.fromProcess(event, "web")).isFalse();
        assertThat(LogsCommand.fromProcess(web1, "web.1")).isTrue();
        assertThat(LogsCommand.fromProcess(web12, "web.1")).isFalse();
        assertThat(LogsCommand.fromProcess(event, "slipway")).isTrue();
        assertThat(LogsCommand.fromProcess("no separator here", "web")).isFalse();
        String crashed = "2025-01-02T03:04:05.678Z slipway | web.1 crashed (exit 1); restarting in 1 s (restart 1)";
        assertThat(LogsCommand.fromProcess(crashed, "web")).isTrue();
        assertThat(LogsCommand.fromProcess(crashed, "web.1")).isTrue();
        assertThat(LogsCommand.fromProcess(crashed, "web.2")).isFalse();
        assertThat(LogsCommand.fromProcess(crashed, "worker")).isFalse();
    }
}
