package io.slipway.builder;

/** One member of an order group: a buildpack id, and whether the group may go without it. */
record OrderEntry(String id, boolean optional) {
}
