package io.slipway.core;

import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.Optional;

/** The files of one commit, as a builder reads them. */
public interface SourceTree {

    /** The contents of a regular file at {@code path} (relative, {@code /}-separated), if present. */
    Optional<byte[]> file(String path);

    /**
     * Writes every file as a tar stream, owned by {@code uid}:{@code gid}, each file timestamped
     * with the commit's time: the same commit gives the same archive, and each new commit changes
     * the Last-Modified and ETag that servers derive from a file's time (one fixed date for every
     * release had browsers keep an old release's files). Paths matching one of {@code excludes}
     * (.gitignore syntax, as in Heroku's {@code .slugignore}) are left out.
     */
    void writeTar(OutputStream out, int uid, int gid, List<String> excludes) throws IOException;

    /** The paths of the regular files directly in {@code directory} (relative, {@code /}-separated). */
    default List<String> files(String directory) {
        return List.of();
    }

    /** The commit these files come from. */
    String revision();
}
