package io.slipway.daemon;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.spi.ContextAwareBase;
import java.util.Map;

/**
 * The daemon's logging, set up in code: one line per event on stderr, INFO for Slipway and WARN
 * for the libraries that talk a lot. Logback finds it through {@code META-INF/services}. Reading
 * the same settings from a logback.xml costs a quarter of a second at start (an XML parser and
 * Joran's model, loaded for one file). A configuration file named with {@code
 * -Dlogback.configurationFile=FILE} still wins, and so does a {@code logback-test.xml} on the class
 * path in tests.
 */
public final class Logging extends ContextAwareBase implements Configurator {

    static final String PATTERN = "%d{HH:mm:ss.SSS} %-5level %logger{20} - %msg%n";

    /** Loggers quieter than INFO: their INFO lines are about every connection or request. */
    static final Map<String, Level> QUIET = Map.of(
            "com.github.dockerjava", Level.WARN,
            "org.apache.sshd", Level.WARN,
            "io.netty", Level.WARN,
            "org.eclipse.jgit", Level.WARN);

    @Override
    public ExecutionStatus configure(LoggerContext context) {
        if (System.getProperty("logback.configurationFile") != null
                || Logging.class.getClassLoader().getResource("logback-test.xml") != null) {
            return ExecutionStatus.INVOKE_NEXT_IF_ANY;
        }
        configureInCode(context);
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }

    static void configureInCode(LoggerContext context) {
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern(PATTERN);
        encoder.start();
        ConsoleAppender<ILoggingEvent> stderr = new ConsoleAppender<>();
        stderr.setContext(context);
        stderr.setName("STDERR");
        stderr.setTarget("System.err");
        stderr.setEncoder(encoder);
        stderr.start();
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.INFO);
        root.addAppender(stderr);
        QUIET.forEach((name, level) -> context.getLogger(name).setLevel(level));
    }
}
