package io.slipway.builder;

import io.slipway.builder.appfiles.AppFiles;
import io.slipway.core.SourceTree;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * The buildpacks a user asked for, first found wins: the {@code BUILDPACK_URL} config var,
 * a {@code .buildpacks} file (one per line, as heroku-buildpack-multi and Dokku read it; these
 * skip detection), app.json {@code buildpacks}. Empty: detect from the bundled order.
 */
record BuildpackChoice(List<String> refs, boolean skipDetect) {

    static BuildpackChoice of(Map<String, String> env, SourceTree source, AppFiles files) {
        String url = env.getOrDefault("BUILDPACK_URL", "").strip();
        if (!url.isEmpty()) {
            return new BuildpackChoice(List.of(url), false);
        }
        List<String> lines = source.file(".buildpacks")
                .map(b -> new String(b, StandardCharsets.UTF_8).replaceFirst("^\uFEFF", "").lines().map(String::strip)
                        .filter(l -> !l.isEmpty() && !l.startsWith("#")).toList())
                .orElse(List.of());
        if (!lines.isEmpty()) {
            return new BuildpackChoice(lines, true);
        }
        return new BuildpackChoice(files.buildpacks(), false);
    }
}
