package io.slipway.receiver.cli;

import io.slipway.core.AppName;
import io.slipway.core.access.Right;
import io.slipway.core.InvalidInputException;
import io.slipway.core.Release;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(name = "rollback", description = "Deploy an earlier release's image and config again, as a new release.")
final class RollbackCommand implements Callable<Integer>, Mutating {

    private final Context context;

    @Mixin
    Output output;

    @Parameters(index = "0", paramLabel = "APP", description = "The app.")
    String appName;

    @Parameters(index = "1", arity = "0..1", paramLabel = "vN", description = "The release to go back to (default: the one before the current).")
    String version;

    RollbackCommand(Context context) {
        this.context = context;
    }

    @Override
    public Integer call() throws Exception {
        AppName app = context.app(appName, Right.DEPLOY).name();
        Release current = context.current(app);
        int target = version == null ? previous(app, current) : parse(version);
        Release release = context.services().pipeline().rollback(app, target, output.progress(context.caller()));
        output.print(context.caller(), Map.of("version", release.version(), "rolled_back_to", target),
                List.of("Rolled back " + app + " to v" + target + " as " + release.label()));
        return 0;
    }

    private int previous(AppName app, Release current) {
        return context.services().releases().list(app).stream()
                .filter(r -> r.version() < current.version() && r.status() == Release.Status.DEPLOYED
                        && !r.image().equals(current.image()))
                .findFirst().map(Release::version).orElseThrow(() -> new InvalidInputException(
                        "app " + app + " has no earlier deployed release to roll back to"));
    }

    private static int parse(String text) {
        if (!text.matches("v?\\d{1,9}")) {
            throw new InvalidInputException("'" + text + "' is not a release; use vN, e.g. v3 (see 'releases APP')");
        }
        return Integer.parseInt(text.startsWith("v") ? text.substring(1) : text);
    }
}
