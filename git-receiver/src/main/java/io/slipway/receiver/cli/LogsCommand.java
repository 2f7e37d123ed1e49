package io.slipway.receiver.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.slipway.core.AppName;
import io.slipway.core.access.Right;
import io.slipway.core.InvalidInputException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "logs", description = "Show an app's log: every instance's output (web.1 | ...) and platform events.")
final class LogsCommand implements Callable<Integer> {

    private static final int MAX_LINES = 100_000;

    private final Context context;

    @Parameters(index = "0", paramLabel = "APP", description = "The app.")
    String appName;

    @Option(names = {"-n", "--num"}, defaultValue = "100", description = "How many recent lines (default: ${DEFAULT-VALUE}).")
    int lines;

    @Option(names = {"-t", "--tail"}, description = "Keep printing new lines until interrupted.")
    boolean tail;

    @Option(names = "--json", description = "Print each line as a JSON object: {\"at\", \"source\", \"text\"}.")
    boolean json;

    LogsCommand(Context context) {
        this.context = context;
    }

    @Override
    public Integer call() throws Exception {
        AppName app = context.app(appName, Right.READ).name();
        if (lines < 0 || lines > MAX_LINES) {
            throw new InvalidInputException("-n " + lines + " is out of range: use 0 to " + MAX_LINES);
        }
        var out = context.caller().stdout();
        Consumer<String> print = json ? line -> out.println(asJson(line)) : out::println;
        BlockingQueue<String> queue = new LinkedBlockingQueue<>(10_000);
        try (AutoCloseable follow = tail ? context.services().logs().follow(app, queue::offer) : () -> { }) {
            context.services().logs().tail(app, lines).forEach(print);
            out.flush();
            while (tail && !Thread.currentThread().isInterrupted() && !out.checkError()) {
                String line = queue.poll(1, TimeUnit.SECONDS);
                if (line != null) {
                    print.accept(line);
                    out.flush();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 0;
    }

    /** A log line {@code TIMESTAMP SOURCE | text} as one JSON object; a line of another shape is all text. */
    static String asJson(String line) {
        int space = line.indexOf(' ');
        int bar = line.indexOf(" | ");
        Map<String, String> fields = new LinkedHashMap<>();
        boolean parsed = space > 0 && bar > space;
        fields.put("at", parsed ? line.substring(0, space) : "");
        fields.put("source", parsed ? line.substring(space + 1, bar) : "");
        fields.put("text", parsed ? line.substring(bar + 3) : line);
        try {
            return Output.JSON.writeValueAsString(fields);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
