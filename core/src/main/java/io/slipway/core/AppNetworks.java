package io.slipway.core;

import java.util.List;

/**
 * The private networks an app's containers join besides the default one: an add-on is
 * reachable only from the apps attached to it, through its network.
 */
@FunctionalInterface
public interface AppNetworks {

    AppNetworks NONE = app -> List.of();

    /** Engine network names the app's instances and one-offs must be connected to. */
    List<String> networks(AppName app);
}
