package io.slipway.builder;

import io.slipway.core.AppName;
import io.slipway.core.SourceTree;
import java.util.Optional;

/** Apps on this platform whose repositories are buildpacks: {@code app:NAME} in a buildpack list. */
@FunctionalInterface
public interface AppBuildpacks {

    AppBuildpacks NONE = app -> Optional.empty();

    /** The files of the app's deployed branch, if the app exists and has any. */
    Optional<SourceTree> source(AppName app);
}
