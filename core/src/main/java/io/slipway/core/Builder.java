package io.slipway.core;

import java.util.Map;

/** Turns an app's source into a runnable image. */
public interface Builder {

    /**
     * Builds {@code source} into the image {@code slipway/APP:vN}, streaming what the user should
     * see to {@code log}.
     *
     * @throws BuildFailedException when no image could be built; nothing else changed
     */
    BuiltImage build(AppName app, int version, SourceTree source, Map<String, String> env, PushLog log);

    /** Removes everything the builder keeps for the app: its images and its layer cache. */
    void remove(AppName app);

    /**
     * The result: the image reference, how to run it, and config vars the build generated for
     * the app (app.json secrets) that must be kept from now on.
     */
    record BuiltImage(String image, AppManifest manifest, Map<String, String> generatedConfig) {

        public BuiltImage {
            generatedConfig = Map.copyOf(generatedConfig);
        }
    }
}
