package io.slipway.scheduler;

/** The container labels of DESIGN.md, by which the scheduler finds its instances again. */
final class Labels {

    static final String APP = "io.slipway.app";
    static final String PROCESS = "io.slipway.process";
    static final String RELEASE = "io.slipway.release";
    static final String INSTANCE = "io.slipway.instance";
    static final String ROLE = "io.slipway.role";
    static final String RESTARTS = "io.slipway.restarts";
    static final String PORT = "io.slipway.port";

    /** Roles: a formation instance, a one-off run, a release-phase script, a cron job. */
    static final String INSTANCE_ROLE = "instance";
    static final String RUN_ROLE = "run";

    private Labels() {
    }
}
