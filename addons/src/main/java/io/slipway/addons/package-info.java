/**
 * Backing services (PostgreSQL, Redis, MariaDB, memcached) provisioned as containers for apps.
 *
 * <p>{@link io.slipway.addons.AddonService} is the module's one public entry point: it implements
 * {@link io.slipway.core.Addons} for the commands and {@link io.slipway.core.AppNetworks} for the
 * scheduler. Each add-on is a container of an image built locally from Debian packages (recipes
 * under {@code stacks/addons}), a named data volume and a private internal network that only the
 * attached apps' containers join. The module supervises its containers itself and finds them
 * again by label after a daemon restart.
 */
package io.slipway.addons;
