package io.slipway.core;

import java.util.Map;
import java.util.Set;

/**
 * Changes an app's config vars. With {@code restart}, a new release with the same image and the
 * new config is deployed with zero downtime (when the app has a deployed release); otherwise the
 * change waits for the next deploy.
 */
public interface AppConfigurator {

    /** @return the release the change created, or empty when nothing was deployed */
    java.util.Optional<Release> apply(AppName app, Map<String, String> set, Set<String> unset, boolean restart, PushLog log)
            throws Exception;
}
