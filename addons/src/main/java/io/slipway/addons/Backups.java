package io.slipway.addons;

import io.slipway.core.Addons.Backup;
import io.slipway.core.InvalidInputException;
import io.slipway.core.SlipwayException;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Backup files under {@code DATA/backups/APP/NAME/}, named by the UTC time they were taken
 * ({@code 20260121T030000Z.dump}), so names sort by age. A backup is written to a
 * {@code .partial} file and renamed only once the dump succeeded, so a listed backup is whole.
 */
final class Backups {

    static final Duration MAX_DURATION = Duration.ofHours(6);
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'");
    private static final Pattern NAME = Pattern.compile("(\\d{8}T\\d{6}Z)(?:-(\\d{1,3}))?\\.(dump|rdb|sql)");

    private final Path root;
    private final Execs execs;
    private final Clock clock;

    Backups(Path root, Execs execs, Clock clock) {
        this.root = root;
        this.execs = execs;
        this.clock = clock;
    }

    Path dir(AddonRef ref) {
        return root.resolve(ref.app().value()).resolve(ref.name().value());
    }

    /** Dumps the add-on's data with the image's {@code addon-backup} into a new backup file. */
    Backup take(AddonRecord a) {
        if (!a.service().backsUp()) {
            throw new InvalidInputException(a.service() + " keeps no persistent data, so add-on " + a.ref().name()
                    + " has nothing to back up");
        }
        try {
            Path dir = Files.createDirectories(dir(a.ref()));
            Path file = newFile(dir, a.service().backupExtension());
            Path partial = file.resolveSibling(file.getFileName() + ".partial");
            Execs.Result result;
            try (OutputStream out = Files.newOutputStream(partial)) {
                result = execs.run(a.ref().container(), List.of("addon-backup"), null, out, MAX_DURATION);
            } catch (UncheckedIOException e) {
                Files.deleteIfExists(partial);
                throw new SlipwayException("cannot write the backup " + partial + ": " + e.getCause().getMessage(), e);
            }
            if (!result.ok()) {
                Files.deleteIfExists(partial);
                throw new SlipwayException("the backup of add-on " + a.ref().name() + " failed: " + result.reason());
            }
            Files.move(partial, file, StandardCopyOption.ATOMIC_MOVE);
            return describe(file).orElseThrow();
        } catch (IOException e) {
            throw new SlipwayException("cannot write the backup of add-on " + a.ref().name() + ": " + e.getMessage(), e);
        }
    }

    private Path newFile(Path dir, String extension) {
        String stamp = LocalDateTime.ofInstant(clock.instant(), ZoneOffset.UTC).format(STAMP);
        Path file = dir.resolve(stamp + "." + extension);
        for (int n = 1; Files.exists(file); n++) {
            file = dir.resolve(stamp + "-" + n + "." + extension);
        }
        return file;
    }

    /** Newest first. */
    List<Backup> list(AddonRef ref) {
        Path dir = dir(ref);
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(this::describe).flatMap(java.util.Optional::stream)
                    .sorted(Comparator.comparing(Backup::createdAt).thenComparingInt(b -> sequence(b.id())).reversed()).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The backup file named {@code id}; refuses anything that is not one of the add-on's backups. */
    Path find(AddonRecord a, String id) {
        List<Backup> all = list(a.ref());
        Backup backup = all.stream().filter(b -> b.id().equals(id)).findFirst().orElseThrow(() ->
                new InvalidInputException("add-on " + a.ref().name() + " has no backup '" + printable(id) + "'; "
                        + (all.isEmpty() ? "it has no backups yet (addons:backup " + a.ref().app() + " " + a.ref().name() + ")"
                        : "run addons:backups " + a.ref().app() + " " + a.ref().name() + " (newest: " + all.get(0).id() + ")")));
        if (!backup.id().endsWith("." + a.service().backupExtension())) {
            throw new InvalidInputException("backup " + backup.id() + " is not a " + a.service() + " backup");
        }
        return dir(a.ref()).resolve(backup.id());
    }

    /**
     * Loads a backup with the image's {@code addon-restore}, which exits 3 when the server must
     * restart to finish (Redis reads its data set only when it starts).
     */
    void restore(AddonRecord a, Path backup, AddonContainers containers, Runnable restart) {
        String container = a.ref().container();
        String inside = "/tmp/" + backup.getFileName();
        containers.copyIn(container, backup, "/tmp");
        try {
            Execs.Result result = execs.run(container, List.of("addon-restore", inside), null,
                    OutputStream.nullOutputStream(), MAX_DURATION);
            if (result.exitCode() == 3) {
                restart.run();
            } else if (!result.ok()) {
                throw new SlipwayException("restoring " + backup.getFileName() + " into add-on " + a.ref().name()
                        + " failed: " + result.reason());
            }
        } finally {
            // The copy is root's, in a sticky /tmp: only root may delete it.
            execs.run(container, List.of("rm", "-f", inside), "0", OutputStream.nullOutputStream(), Duration.ofSeconds(30));
        }
    }

    /** Deletes all but the {@code keep} newest backups; returns how many went. */
    int prune(AddonRef ref, int keep) {
        List<Backup> all = list(ref);
        int deleted = 0;
        for (Backup old : all.subList(Math.min(keep, all.size()), all.size())) {
            try {
                Files.deleteIfExists(dir(ref).resolve(old.id()));
                deleted++;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return deleted;
    }

    /** The {@code -N} of a second backup taken in the same second; 0 for the first. */
    private static int sequence(String id) {
        Matcher m = NAME.matcher(id);
        return m.matches() && m.group(2) != null ? Integer.parseInt(m.group(2)) : 0;
    }

    private java.util.Optional<Backup> describe(Path file) {
        Matcher m = NAME.matcher(file.getFileName().toString());
        if (!m.matches() || !Files.isRegularFile(file)) {
            return java.util.Optional.empty();
        }
        try {
            Instant at = LocalDateTime.parse(m.group(1), STAMP).toInstant(ZoneOffset.UTC);
            return java.util.Optional.of(new Backup(file.getFileName().toString(), at, Files.size(file)));
        } catch (IOException | RuntimeException e) {
            return java.util.Optional.empty();
        }
    }

    private static String printable(String s) {
        String cut = s == null ? "" : s.length() > 60 ? s.substring(0, 60) + "..." : s;
        return cut.replaceAll("\\p{Cntrl}", "?");
    }
}
