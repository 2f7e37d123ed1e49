package io.slipway.receiver.cli;

import io.slipway.core.AppName;
import io.slipway.core.access.Right;
import io.slipway.core.InvalidInputException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(name = "ps:scale", aliases = "scale", description = "Set how many instances of each process type run, e.g. web=3 worker=1.")
final class PsScaleCommand implements Callable<Integer>, Mutating {

    private static final Pattern ASSIGNMENT = Pattern.compile("([A-Za-z0-9_-]{1,63})=(-?\\d{1,6})");

    private final Context context;

    @Mixin
    Output output;

    @Parameters(index = "0", paramLabel = "APP", description = "The app.")
    String appName;

    @Parameters(index = "1..*", arity = "1..*", paramLabel = "TYPE=N", description = "Process types and quantities.")
    List<String> assignments;

    PsScaleCommand(Context context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        AppName app = context.app(appName, Right.DEPLOY).name();
        Map<String, Integer> quantities = new LinkedHashMap<>();
        for (String a : assignments) {
            Matcher m = ASSIGNMENT.matcher(a);
            if (!m.matches()) {
                throw new InvalidInputException("'" + abbreviate(a) + "' is not TYPE=N; write e.g. web=3 worker=1");
            }
            if (quantities.put(m.group(1), Integer.parseInt(m.group(2))) != null) {
                throw new InvalidInputException("process type '" + m.group(1) + "' is given twice");
            }
        }
        context.current(app);
        context.services().scheduler().scale(app, quantities, output.progress(context.caller()));
        output.print(context.caller(), Map.of("app", app.value(), "formation", quantities),
                List.of("Scaled " + app + " to " + String.join(" ", quantities.entrySet().stream()
                        .map(e -> e.getKey() + "=" + e.getValue()).toList())));
        return 0;
    }

    private static String abbreviate(String s) {
        return s.length() > 40 ? s.substring(0, 40) + "..." : s;
    }
}
