package io.slipway.builder;

import io.slipway.builder.appfiles.AppFiles;
import io.slipway.core.BuildFailedException;
import io.slipway.core.SourceTree;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The buildpacks a user asked for, first found wins: the {@code BUILDPACK_URL} config var,
 * a {@code .buildpacks} file (one per line, as heroku-buildpack-multi and Dokku read it; these
 * skip detection), app.json {@code buildpacks}, then Cloud Foundry's manifest.yml's, which are a
 * first choice only ({@code orDetect}: when they do not detect the app, the bundled order does).
 * Empty: detect from the bundled order.
 */
record BuildpackChoice(List<String> refs, boolean skipDetect, boolean orDetect) {

    BuildpackChoice(List<String> refs, boolean skipDetect) {
        this(refs, skipDetect, false);
    }

    /** The buildpacks that run the ones .buildpacks lists (Heroku's and Scalingo's multi buildpacks). */
    private static final Pattern MULTI = Pattern.compile(
            "github\\.com[/:](?:heroku/heroku-buildpack-multi|ddollar/heroku-buildpack-multi|(?i:scalingo)/multi-buildpack)"
                    + "(\\.git)?/?(#.*)?$");

    static BuildpackChoice of(Map<String, String> env, SourceTree source, AppFiles files) {
        String url = env.getOrDefault("BUILDPACK_URL", "").strip();
        List<String> lines = source.file(".buildpacks")
                .map(b -> new String(b, StandardCharsets.UTF_8).replaceFirst("^\uFEFF", "").lines().map(String::strip)
                        .filter(l -> !l.isEmpty() && !l.startsWith("#")).toList())
                .orElse(List.of());
        if (MULTI.matcher(url).find()) {
            // What the multi buildpack does, done here: the buildpacks .buildpacks lists, in order.
            if (lines.isEmpty()) {
                throw new BuildFailedException("detect", "BUILDPACK_URL names a multi buildpack (" + url + "), which"
                        + " runs the buildpacks a .buildpacks file lists, and the app has no .buildpacks: add one, a"
                        + " buildpack per line");
            }
            return new BuildpackChoice(lines, true);
        }
        if (!url.isEmpty()) {
            return new BuildpackChoice(List.of(url), false);
        }
        if (!lines.isEmpty()) {
            return new BuildpackChoice(lines, true);
        }
        if (!files.buildpacks().isEmpty()) {
            return new BuildpackChoice(files.buildpacks(), false);
        }
        List<String> manifest = files.manifestBuildpacks();
        return new BuildpackChoice(manifest, false, !manifest.isEmpty());
    }
}
