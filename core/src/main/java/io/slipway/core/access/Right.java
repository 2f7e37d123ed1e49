package io.slipway.core.access;

/** What an action on an app needs. */
public enum Right {
    /** See it: info, config, releases, ps, logs, git fetch. */
    READ("read", "the owner, a collaborator, the owner's agent or an admin"),
    /** Change what runs: git push, config:set, ps:scale, restart, rollback, run, domains. */
    DEPLOY("deploy", "the owner, a collaborator, the owner's agent or an admin"),
    /** Own it: apps:destroy, sharing. */
    OWN("owner", "the owner, the owner's agent or an admin");

    private final String label;
    private final String who;

    Right(String label, String who) {
        this.label = label;
        this.who = who;
    }

    public String label() {
        return label;
    }

    /** Who holds this right, for error messages. */
    public String holders() {
        return who;
    }
}
