package io.slipway.receiver.cli;

import io.slipway.core.AppName;
import io.slipway.core.InvalidInputException;
import io.slipway.core.Release;

/** What every command gets: the caller and the services. */
record Context(Caller caller, Services services) {

    /** The app named on the command line; it must exist. */
    AppName app(String name) {
        AppName app = AppName.of(name);
        if (services.apps().find(app).isEmpty()) {
            throw new InvalidInputException("app " + app + " does not exist; run apps:list, or create it by pushing to it");
        }
        return app;
    }

    Release current(AppName app) {
        return services.releases().current(app).orElseThrow(() ->
                new InvalidInputException("app " + app + " has no deployed release yet; push it first"));
    }
}
