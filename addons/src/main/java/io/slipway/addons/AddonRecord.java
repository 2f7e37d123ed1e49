package io.slipway.addons;

import java.time.Instant;

/** An add-on as the store keeps it. {@code exposedPort} is 0 when it is not published. */
record AddonRecord(AddonRef ref, Service service, String image, String version, Credentials credentials,
                   int exposedPort, String backupSchedule, int backupKeep, Instant createdAt) {

    static final int DEFAULT_KEEP = 7;

    AddonRecord withExposedPort(int port) {
        return new AddonRecord(ref, service, image, version, credentials, port, backupSchedule, backupKeep, createdAt);
    }

    AddonRecord withVersion(String newVersion) {
        return new AddonRecord(ref, service, image, newVersion, credentials, exposedPort, backupSchedule, backupKeep,
                createdAt);
    }

    AddonRecord withSchedule(String schedule, int keep) {
        return new AddonRecord(ref, service, image, version, credentials, exposedPort, schedule, keep, createdAt);
    }

    /** The URL an attached app uses; its host is the add-on's alias on its private network. */
    String url() {
        return service.url(ref.alias(), credentials);
    }
}
