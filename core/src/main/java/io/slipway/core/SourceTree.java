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
     * Writes every file as a tar stream, owned by {@code uid}:{@code gid}, with constant
     * timestamps so identical trees give identical archives. Paths matching one of
     * {@code excludes} (.gitignore syntax, as in Heroku's {@code .slugignore}) are left out.
     */
    void writeTar(OutputStream out, int uid, int gid, List<String> excludes) throws IOException;

    /** The commit these files come from. */
    String revision();
}
