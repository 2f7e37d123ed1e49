package io.slipway.builder;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Date;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import java.util.function.UnaryOperator;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/** Writes tar streams with constant timestamps, so equal inputs give equal archives. */
final class Tars {

    static final Date EPOCH = new Date(315532800000L); // 1980-01-01, as reproducible builds use

    private Tars() {
    }

    static TarArchiveOutputStream open(OutputStream out) {
        TarArchiveOutputStream tar = new TarArchiveOutputStream(out, StandardCharsets.UTF_8.name());
        tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
        tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
        return tar;
    }

    static void file(TarArchiveOutputStream tar, String name, byte[] content, int mode, int uid) throws IOException {
        TarArchiveEntry entry = new TarArchiveEntry(name);
        entry.setSize(content.length);
        entry.setMode(TarArchiveEntry.DEFAULT_FILE_MODE & ~0777 | mode);
        entry.setModTime(EPOCH);
        entry.setIds(uid, uid);
        tar.putArchiveEntry(entry);
        tar.write(content);
        tar.closeArchiveEntry();
    }

    static void directory(TarArchiveOutputStream tar, String name, int uid) throws IOException {
        TarArchiveEntry entry = new TarArchiveEntry(name.endsWith("/") ? name : name + "/");
        entry.setModTime(EPOCH);
        entry.setIds(uid, uid);
        tar.putArchiveEntry(entry);
        tar.closeArchiveEntry();
    }

    /** Adds the files under {@code dir} as {@code prefix/...}, owned by {@code uid}, keeping executable bits. */
    static void tree(TarArchiveOutputStream tar, Path dir, String prefix, int uid) throws IOException {
        Path root = dir.toRealPath();
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path path : walk.sorted().toList()) {
                String relative = root.relativize(path).toString().replace('\\', '/');
                String name = relative.isEmpty() ? prefix : prefix + "/" + relative;
                if (Files.isDirectory(path)) {
                    directory(tar, name, uid);
                } else if (Files.isRegularFile(path)) {
                    file(tar, name, Files.readAllBytes(path), executable(path) ? 0755 : 0644, uid);
                }
            }
        }
    }

    private static boolean executable(Path path) throws IOException {
        try {
            Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(path);
            return permissions.contains(PosixFilePermission.OWNER_EXECUTE);
        } catch (UnsupportedOperationException e) {
            return List.of("detect", "build", "compile", "release").contains(path.getFileName().toString());
        }
    }

    /** Copies tar entries, renaming each with {@code rename} (null drops the entry). */
    static void copyEntries(InputStream source, TarArchiveOutputStream tar, UnaryOperator<String> rename)
            throws IOException {
        TarArchiveInputStream in = new TarArchiveInputStream(source);
        for (TarArchiveEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
            String name = rename.apply(e.getName());
            if (name == null) {
                continue;
            }
            e.setName(name);
            if (e.isLink()) {
                e.setLinkName(rename.apply(e.getLinkName()));
            }
            tar.putArchiveEntry(e);
            if (e.isFile()) {
                in.transferTo(tar);
            }
            tar.closeArchiveEntry();
        }
    }
}
