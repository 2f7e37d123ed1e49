package io.slipway.receiver.cli;

import io.slipway.core.InvalidInputException;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "audit", description = "Show the audit log: state changes and refusals (admins).")
final class AuditCommand implements Callable<Integer> {

    private final Context context;

    @Mixin
    Output output;

    @Option(names = {"-n", "--num"}, defaultValue = "100", description = "How many recent entries (default: ${DEFAULT-VALUE}).")
    int limit;

    AuditCommand(Context context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        context.services().access().requireAdmin(context.user(), "read the audit log");
        if (limit < 1 || limit > 10_000) {
            throw new InvalidInputException("-n " + limit + " is out of range: use 1 to 10000");
        }
        var entries = context.services().audit().recent(limit);
        output.print(context.caller(), entries.stream().map(e -> Map.of("at", e.at().toString(), "user", e.user(),
                "app", e.app(), "command", e.command(), "outcome", e.outcome())).toList(),
                entries.stream().map(e -> e.at() + " " + e.user() + " " + e.outcome() + ": " + e.command()).toList());
        return 0;
    }
}
