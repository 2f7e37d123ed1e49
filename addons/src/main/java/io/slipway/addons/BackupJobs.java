package io.slipway.addons;

import io.slipway.core.Addons.Backup;
import io.slipway.core.InvalidInputException;
import io.slipway.core.Logs;
import io.slipway.core.PushLog;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Backups, restores and backup schedules of add-ons, each holding the add-on's lock, so a
 * backup never runs into a restore, an expose or a destroy of the same add-on.
 */
final class BackupJobs {

    private static final Logger log = LoggerFactory.getLogger(BackupJobs.class);

    private final AddonStore store;
    private final AddonLocks locks;
    private final Backups backups;
    private final AddonContainers containers;
    private final Provisioner provisioner;
    private final Logs logs;

    BackupJobs(AddonStore store, AddonLocks locks, Backups backups, AddonContainers containers, Provisioner provisioner,
               Logs logs) {
        this.store = store;
        this.locks = locks;
        this.backups = backups;
        this.containers = containers;
        this.provisioner = provisioner;
        this.logs = logs;
    }

    Backup backup(AddonRef ref, PushLog out) {
        try (AddonLocks.Held held = locks.lock(ref)) {
            AddonRecord a = store.require(ref);
            if (!a.service().backsUp()) {
                throw new InvalidInputException(a.service() + " keeps no persistent data, so add-on " + ref.name()
                        + " has nothing to back up");
            }
            out.step("Backing up add-on " + ref.name() + " (" + a.service() + ")");
            Backup b = backups.take(a);
            logs.event(ref.app(), "add-on " + ref.name() + " backed up to " + b.id() + " (" + b.sizeBytes() + " bytes)");
            return b;
        }
    }

    List<Backup> list(AddonRef ref) {
        return backups.list(store.require(ref).ref());
    }

    void restore(AddonRef ref, String backup, PushLog out) {
        try (AddonLocks.Held held = locks.lock(ref)) {
            AddonRecord a = store.require(ref);
            Path file = backups.find(a, backup);
            out.step("Restoring add-on " + ref.name() + " from " + file.getFileName());
            backups.restore(a, file, containers, () -> provisioner.restart(a));
            logs.event(ref.app(), "add-on " + ref.name() + " restored from " + file.getFileName());
        }
    }

    /** Sets or (with an empty schedule) clears the add-on's backup schedule. */
    AddonRecord schedule(AddonRef ref, String cron, int keep) {
        BackupSchedules.checkKeep(keep);
        String schedule = cron == null ? "" : cron.strip();
        if (!schedule.isEmpty()) {
            BackupSchedules.parse(schedule);
        }
        try (AddonLocks.Held held = locks.lock(ref)) {
            AddonRecord a = store.require(ref);
            if (!a.service().backsUp() && !schedule.isEmpty()) {
                throw new InvalidInputException(a.service() + " keeps no persistent data, so add-on " + ref.name()
                        + " has nothing to back up");
            }
            store.setSchedule(ref, schedule, keep);
            logs.event(ref.app(), schedule.isEmpty() ? "add-on " + ref.name() + ": scheduled backups stopped"
                    : "add-on " + ref.name() + " backs up on \"" + schedule + "\" (UTC), keeping " + keep);
            return a.withSchedule(schedule, keep);
        }
    }

    /** A backup on the add-on's schedule, then the oldest beyond its keep are deleted. */
    void scheduled(AddonRef ref) {
        try (AddonLocks.Held held = locks.lock(ref)) {
            Optional<AddonRecord> a = store.find(ref);
            if (a.isEmpty() || a.get().backupSchedule().isEmpty()) {
                return;
            }
            Backup b = backups.take(a.get());
            int pruned = backups.prune(ref, a.get().backupKeep());
            logs.event(ref.app(), "add-on " + ref.name() + ": scheduled backup " + b.id() + " (" + b.sizeBytes()
                    + " bytes)" + (pruned > 0 ? "; deleted " + pruned + " old backup(s)" : ""));
        } catch (RuntimeException e) {
            log.warn("scheduled backup of add-on {} failed", ref, e);
            logs.event(ref.app(), "add-on " + ref.name() + ": scheduled backup failed: " + e.getMessage());
        }
    }

    /** Copies one add-on's data into another of the same service: a backup of the first, restored into the second. */
    void copyData(AddonRef from, AddonRef to, PushLog out) {
        Backup snapshot = backup(from, PushLog.NOTHING);
        try (AddonLocks.Held held = locks.lock(to)) {
            AddonRecord target = store.require(to);
            out.info("copying the data of " + from + " (" + snapshot.id() + ")");
            backups.restore(target, backups.dir(from).resolve(snapshot.id()), containers, () -> provisioner.restart(target));
        }
    }

    int count(AddonRef ref) {
        return backups.list(ref).size();
    }

    Path dir(AddonRef ref) {
        return backups.dir(ref);
    }
}
