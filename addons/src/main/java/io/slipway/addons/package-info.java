/**
 * Backing services (PostgreSQL, Redis, MariaDB, memcached) provisioned as containers for apps.
 * The module exists in the build so the daemon's wiring has its place; its services come with
 * the add-ons work.
 */
package io.slipway.addons;
