package io.slipway.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.Configurator.ExecutionStatus;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class LoggingTest {

    @Test
    void slipwayLogsAtInfoOnStderrAndTheChattyLibrariesOnlyFromWarn() {
        LoggerContext context = new LoggerContext();
        context.setMDCAdapter(new LogbackMDCAdapter());
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream stderr = System.err;
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            Logging.configureInCode(context);
            context.getLogger("io.slipway.scheduler.Supervisor").info("shop web.1 started");
            context.getLogger("io.slipway.scheduler.Supervisor").debug("not shown");
            context.getLogger("io.netty.channel.Loop").info("not shown either");
            context.getLogger("org.apache.sshd.server.Session").warn("a session failed");
        } finally {
            System.setErr(stderr);
            context.stop();
        }

        assertThat(captured.toString(StandardCharsets.UTF_8).lines())
                .hasSize(2)
                .satisfiesExactly(
                        line -> assertThat(line).matches("\\d\\d:\\d\\d:\\d\\d\\.\\d{3} INFO  i\\.s\\.s\\.Supervisor - shop web\\.1 started"),
                        line -> assertThat(line).endsWith(" WARN  o.a.s.server.Session - a session failed"));
    }

    @Test
    void aConfigurationFileOnTheClassPathWins() {
        // This module's tests carry a logback-test.xml, as a user's -Dlogback.configurationFile would.
        assertThat(new Logging().configure(new LoggerContext())).isEqualTo(ExecutionStatus.INVOKE_NEXT_IF_ANY);
    }
}
