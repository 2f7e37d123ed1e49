package io.slipway.receiver.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.slipway.core.AppName;
import io.slipway.core.access.Right;
import io.slipway.core.InvalidInputException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "logs", description = "Show an app's log: every instance's output (web.1 | ...) and platform events.")
final class LogsCommand implements Callable<Integer> {

    private static final int MAX_LINES = 100_000;
    private static final Pattern PROCESS = Pattern.compile("[A-Za-z0-9_-]+(\\.[0-9]+)?");

    private final Context context;

    @Parameters(index = "0", paramLabel = "APP", description = "The app.")
    String appName;

    @Option(names = {"-n", "--num"}, defaultValue = "100", description = "How many recent lines (default: ${DEFAULT-VALUE}).")
    int lines;

    @Option(names = {"-t", "--tail"}, description = "Keep printing new lines until interrupted.")
    boolean tail;

    @Option(names = {"-p", "--ps", "-d", "--dyno"}, paramLabel = "PROCESS",
            description = "Only the lines of this process type or instance (web, worker, web.1).")
    String process;

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
        if (process != null && !PROCESS.matcher(process).matches()) {
            throw new InvalidInputException("-p " + process + " is not a process type or instance: use one such as web,"
                    + " worker or web.1");
        }
        Predicate<String> wanted = process == null ? line -> true : line -> fromProcess(line, process);
        var out = context.caller().stdout();
        Consumer<String> print = json ? line -> out.println(asJson(line)) : out::println;
        BlockingQueue<String> queue = new LinkedBlockingQueue<>(10_000);
        try (AutoCloseable follow = tail ? context.services().logs().follow(app, line -> {
            if (wanted.test(line)) {
                queue.offer(line);
            }
        }) : () -> { }) {
            // -n counts the process's own lines, as in Heroku.
            List<String> recent = context.services().logs().tail(app, process == null ? lines : Integer.MAX_VALUE)
                    .stream().filter(wanted).toList();
            recent.subList(Math.max(0, recent.size() - lines), recent.size()).forEach(print);
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

    /**
     * Whether the line {@code TIMESTAMP SOURCE | text} came from {@code process}, a type ({@code web})
     * or an instance ({@code web.1}), or is the platform's about it.
     */
    static boolean fromProcess(String line, String process) {
        int space = line.indexOf(' ');
        int bar = line.indexOf(" | ");
        if (space < 0 || bar <= space) {
            return false;
        }
        String source = line.substring(space + 1, bar);
        if (source.equals("slipway") && !process.equals("slipway")) {
            // The platform's own lines about the process, as Heroku's --dyno shows them: "web.1 crashed ...".
            source = line.substring(bar + 3).split(" ", 2)[0];
        }
        return source.equals(process) || !process.contains(".") && source.startsWith(process + ".");
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
