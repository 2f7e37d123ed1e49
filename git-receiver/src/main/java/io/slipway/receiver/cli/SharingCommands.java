package io.slipway.receiver.cli;

import io.slipway.core.InvalidInputException;
import io.slipway.core.access.Right;
import io.slipway.core.store.Apps;
import io.slipway.core.store.Users;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** sharing, sharing:add, sharing:remove: collaborators may read and deploy an app, not destroy or share it. */
final class SharingCommands {

    private SharingCommands() {
    }

    @Command(name = "sharing", description = "List an app's collaborators.")
    static final class List_ implements Callable<Integer> {
        private final Context context;
        @Mixin
        Output output;
        @Parameters(index = "0", paramLabel = "APP", description = "The app.")
        String appName;

        List_(Context context) {
            this.context = context;
        }

        @Override
        public Integer call() {
            Apps.App app = context.app(appName, Right.READ);
            List<String> members = context.services().members().of(app.name());
            output.print(context.caller(), members, members);
            return 0;
        }
    }

    @Command(name = "sharing:add", description = "Let a user read and deploy the app.")
    static final class Add implements Callable<Integer>, Mutating {
        private final Context context;
        @Mixin
        Output output;
        @Parameters(index = "0", paramLabel = "APP", description = "The app.")
        String appName;
        @Parameters(index = "1", paramLabel = "USER", description = "The collaborator.")
        String user;

        Add(Context context) {
            this.context = context;
        }

        @Override
        public Integer call() {
            Apps.App app = context.app(appName, Right.OWN);
            Users.checkName("user", user);
            if (context.services().users().find(user).isEmpty()) {
                throw new InvalidInputException("user " + user + " does not exist");
            }
            if (!context.services().members().add(app.name(), user)) {
                throw new InvalidInputException(user + " is already a collaborator on " + app.name());
            }
            output.print(context.caller(), Map.of("app", app.name().value(), "added", user),
                    List.of("Shared " + app.name() + " with " + user));
            return 0;
        }
    }

    @Command(name = "sharing:remove", description = "Take a collaborator off the app.")
    static final class Remove implements Callable<Integer>, Mutating {
        private final Context context;
        @Mixin
        Output output;
        @Parameters(index = "0", paramLabel = "APP", description = "The app.")
        String appName;
        @Parameters(index = "1", paramLabel = "USER", description = "The collaborator.")
        String user;

        Remove(Context context) {
            this.context = context;
        }

        @Override
        public Integer call() {
            Apps.App app = context.app(appName, Right.OWN);
            if (!context.services().members().remove(app.name(), user)) {
                throw new InvalidInputException(user + " is not a collaborator on " + app.name());
            }
            output.print(context.caller(), Map.of("app", app.name().value(), "removed", user),
                    List.of("Removed " + user + " from " + app.name()));
            return 0;
        }
    }
}
