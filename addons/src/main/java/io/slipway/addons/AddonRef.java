package io.slipway.addons;

import io.slipway.core.Addons.Name;
import io.slipway.core.AppName;

/**
 * One add-on, as its owner app and name, and the engine objects named after it. The alias is
 * the host name apps reach it by; at most 6 + 30 + 1 + 20 = 57 characters, a valid DNS label.
 */
record AddonRef(AppName app, Name name) {

    /** The container, its data volume and its private network share one name. */
    String container() {
        return "slipway-addon." + app + "." + name;
    }

    String volume() {
        return container();
    }

    String network() {
        return container();
    }

    /** While exposed, the container's own network that publishes its port on loopback. */
    String exposedNetwork() {
        return container() + ".exposed";
    }

    String alias() {
        return "addon-" + app + "-" + name;
    }

    @Override
    public String toString() {
        return app + "/" + name;
    }
}
