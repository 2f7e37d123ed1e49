package io.slipway.receiver.cli;

import io.slipway.core.AppName;
import io.slipway.core.InvalidInputException;
import io.slipway.core.Release;
import io.slipway.core.access.Right;
import io.slipway.core.store.Apps;
import io.slipway.core.store.Users;

/** What every command gets: the caller and the services; it remembers the app a command acted on, for the audit log. */
final class Context {

    private final Caller caller;
    private final Services services;
    private volatile String auditApp = "";

    Context(Caller caller, Services services) {
        this.caller = caller;
        this.services = services;
    }

    Caller caller() {
        return caller;
    }

    Services services() {
        return services;
    }

    Users.User user() {
        return caller.user();
    }

    String auditApp() {
        return auditApp;
    }

    /** The app named on the command line, once the caller's right to act on it is checked. */
    Apps.App app(String name, Right right) {
        AppName app = AppName.of(name);
        auditApp = app.value();
        return services.access().require(caller.user(), app, right);
    }

    Release current(AppName app) {
        return services.releases().current(app).orElseThrow(() ->
                new InvalidInputException("app " + app + " has no deployed release yet; push it first"));
    }

    /** Destructive commands name what they destroy twice: {@code --confirm NAME}. */
    static void confirm(String name, String confirmation, String command) {
        if (!name.equals(confirmation)) {
            throw new InvalidInputException("this destroys " + name + " for good; run it again with --confirm " + name
                    + " (" + command + " " + name + " --confirm " + name + ")");
        }
    }
}
