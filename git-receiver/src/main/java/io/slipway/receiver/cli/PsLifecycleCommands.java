package io.slipway.receiver.cli;

import io.slipway.core.AppName;
import io.slipway.core.InvalidInputException;
import io.slipway.core.PushLog;
import io.slipway.core.Release;
import io.slipway.core.access.Right;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** ps:stop, ps:start, ps:rebuild: Dokku's commands for an app's whole life, not its quantities. */
final class PsLifecycleCommands {

    private PsLifecycleCommands() {
    }

    @Command(name = "ps:stop", description = "Stop every instance of an app; it stays stopped, its formation kept,"
            + " until ps:start, ps:restart, ps:scale or a new release.")
    static final class Stop implements Callable<Integer>, Mutating {
        private final Context context;
        @Mixin
        Output output;
        @Parameters(index = "0", paramLabel = "APP", description = "The app.")
        String appName;

        Stop(Context context) {
            this.context = context;
        }

        @Override
        public Integer call() {
            AppName app = context.app(appName, Right.DEPLOY).name();
            context.current(app);
            boolean stopped = context.services().scheduler().stop(app, output.progress(context.caller()));
            output.print(context.caller(), Map.of("app", app.value(), "stopped", true, "changed", stopped),
                    List.of(stopped ? "Stopped " + app + ": the router answers 503 until ps:start " + app
                            : app + " is stopped already (ps:start " + app + " starts it)"));
            return 0;
        }
    }

    @Command(name = "ps:start", description = "Start a stopped app at its formation (and any missing instance of a"
            + " running one).")
    static final class Start implements Callable<Integer>, Mutating {
        private final Context context;
        @Mixin
        Output output;
        @Parameters(index = "0", paramLabel = "APP", description = "The app.")
        String appName;

        Start(Context context) {
            this.context = context;
        }

        @Override
        public Integer call() {
            AppName app = context.app(appName, Right.DEPLOY).name();
            Release current = context.current(app);
            boolean started = context.services().scheduler().start(app, output.progress(context.caller()));
            output.print(context.caller(), Map.of("app", app.value(), "stopped", false, "changed", started),
                    List.of(started ? "Started " + app + " (" + current.label() + ")"
                            : app + " is running already (" + current.label() + "); ps:restart " + app + " restarts it"));
            return 0;
        }
    }

    @Command(name = "ps:rebuild", description = "Build the current release's commit again and deploy it as a new"
            + " release, with no downtime (after a buildpack or stack update; the build's caches are used as on a push).")
    static final class Rebuild implements Callable<Integer>, Mutating {
        private final Context context;
        @Mixin
        Output output;
        @Parameters(index = "0", paramLabel = "APP", description = "The app.")
        String appName;

        Rebuild(Context context) {
            this.context = context;
        }

        @Override
        public Integer call() throws Exception {
            AppName app = context.app(appName, Right.DEPLOY).name();
            context.current(app);
            PushLog log = output.progress(context.caller());
            record Rebuilt(Release from, Release to) {
            }
            // The current release is read under the app's lock: a push that lands first is what is rebuilt.
            Rebuilt rebuilt = context.services().pipeline().locked(app, log, () -> {
                Release current = context.current(app);
                return new Rebuilt(current, context.services().lifecycle().withSource(app, current.commit(),
                        source -> context.services().pipeline().deploy(app, current.commit(), source, log))
                        .orElseThrow(() -> new InvalidInputException(current.label() + " of " + app + " was not built"
                                + " from a push to it (it runs " + current.image() + "), so there is no source to"
                                + " rebuild: git push to " + app + " to build it")));
            });
            Release release = rebuilt.to();
            output.print(context.caller(), Map.of("app", app.value(), "release", release.label(),
                            "commit", release.commit(), "rebuilt_from", rebuilt.from().label()),
                    List.of("Rebuilt " + app + " from " + rebuilt.from().label() + "'s commit "
                            + release.commit().substring(0, Math.min(7, release.commit().length())) + " as "
                            + release.label()));
            return 0;
        }
    }
}
