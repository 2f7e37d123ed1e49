package io.slipway.builder.appfiles;

import io.slipway.core.BuildFailedException;

/** An app file that cannot be read: names the file, the line where known, and the reason. */
final class AppFileError {

    static final String PHASE = "app files";

    private AppFileError() {
    }

    static BuildFailedException at(String file, int line, String reason) {
        return new BuildFailedException(PHASE, file + (line > 0 ? " line " + line : "") + ": " + reason);
    }

    static BuildFailedException in(String file, String reason) {
        return at(file, 0, reason);
    }
}
