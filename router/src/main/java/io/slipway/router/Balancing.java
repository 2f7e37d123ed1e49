package io.slipway.router;

/** How the router chooses among an app's healthy instances. */
public enum Balancing {

    /** Of two instances drawn at random, the one with fewer requests in flight (the default). */
    LEAST_OUTSTANDING,

    /** Each instance in turn. */
    ROUND_ROBIN
}
