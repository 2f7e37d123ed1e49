package io.slipway.scheduler;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ListenersTest {

    private static final String HEADER =
            "  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode";

    @Test
    void listeningSocketsAreReadFromTheKernelsTables() {
        List<String> tcp = List.of(HEADER,
                "   0: 0100007F:1388 00000000:0000 0A 00000000:00000000 00:00000000 00000000  1000        0 1 1",
                "   1: 00000000:0BB8 00000000:0000 0A 00000000:00000000 00:00000000 00000000  1000        0 2 1",
                "   2: 0200A8C0:C350 0100007F:1388 01 00000000:00000000 00:00000000 00000000  1000        0 3 1",
                // Docker's DNS resolver, in every container on a user-defined network: not the app's
                "   3: 0B00007F:AE2D 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 4 1");
        List<String> tcp6 = List.of(HEADER,
                "   0: 00000000000000000000000001000000:1388 00000000000000000000000000000000:0000 0A 0 0 0 1000 0 4",
                "   1: 00000000000000000000000000000000:1F90 00000000000000000000000000000000:0000 0A 0 0 0 1000 0 5");

        assertThat(Listeners.parse(tcp)).containsExactly("127.0.0.1:5000", "0.0.0.0:3000");
        assertThat(Listeners.parse(tcp6)).containsExactly("[::1]:5000", "[::]:8080");
    }

    @Test
    void theHintSaysWhatTheProcessDidInstead() {
        assertThat(Listeners.hint(List.of("127.0.0.1:5000"), 5000))
                .contains("it listens on 127.0.0.1:5000, which only the container itself can reach");
        assertThat(Listeners.hint(List.of("[::1]:5000"), 5000)).contains("[::1]:5000, which only the container");
        assertThat(Listeners.hint(List.of("0.0.0.0:3000"), 5000))
                .contains("it listens on 0.0.0.0:3000 instead: read the port from the PORT environment variable");
        assertThat(Listeners.hint(List.of("0.0.0.0:3000", "[::]:3000"), 5000, "shop"))
                .endsWith(", or tell Slipway the port it listens on: config:set shop PORT=3000");
        assertThat(Listeners.hint(List.of("0.0.0.0:3000", "0.0.0.0:9090"), 5000, "shop")).doesNotContain("config:set");
        assertThat(Listeners.hint(List.of("127.0.0.1:5173"), 5000, "shop")).doesNotContain("config:set")
                .contains("127.0.0.1:5173 instead, which only the container itself can reach: read the port from the PORT"
                        + " environment variable and listen on 0.0.0.0");
        assertThat(Listeners.hint(List.of(), 5000)).isEmpty();
        assertThat(Listeners.hint(List.of("0.0.0.0:5000"), 5000)).isEmpty();
    }

    @Test
    void onlyAPortOnLoopbackAloneCanNeverBeReached() {
        assertThat(Listeners.loopbackOnly(List.of("127.0.0.1:5000"), 5000)).isTrue();
        assertThat(Listeners.loopbackOnly(List.of("127.0.0.1:5000", "0.0.0.0:5000"), 5000)).isFalse();
        assertThat(Listeners.loopbackOnly(List.of("0.0.0.0:3000"), 5000)).as("it may still open $PORT").isFalse();
        assertThat(Listeners.loopbackOnly(List.of(), 5000)).isFalse();
    }
}
