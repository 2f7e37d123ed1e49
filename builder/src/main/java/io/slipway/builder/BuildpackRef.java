package io.slipway.builder;

import io.slipway.core.AppName;
import io.slipway.core.BuildFailedException;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A buildpack as a user names it (in {@code BUILDPACK_URL}, {@code .buildpacks} or app.json):
 * a bundled id, a git URL with an optional {@code #ref}, or an app on this platform whose
 * repository is a buildpack ({@code app:NAME}).
 */
sealed interface BuildpackRef {

    /** Heroku's, Paketo's and Cloud Foundry's names for what a bundled buildpack does. */
    Map<String, String> ALIASES = Map.ofEntries(
            Map.entry("heroku/nodejs", "slipway/nodejs"), Map.entry("heroku/python", "slipway/python"),
            Map.entry("heroku/java", "slipway/java"), Map.entry("heroku/php", "slipway/php"),
            Map.entry("heroku/go", "slipway/go"), Map.entry("heroku/procfile", "slipway/procfile"),
            Map.entry("heroku/static", "slipway/static"), Map.entry("paketo-buildpacks/nodejs", "slipway/nodejs"),
            Map.entry("paketo-buildpacks/python", "slipway/python"), Map.entry("paketo-buildpacks/java", "slipway/java"),
            Map.entry("paketo-buildpacks/php", "slipway/php"), Map.entry("paketo-buildpacks/go", "slipway/go"),
            Map.entry("nodejs_buildpack", "slipway/nodejs"), Map.entry("go_buildpack", "slipway/go"),
            Map.entry("php_buildpack", "slipway/php"), Map.entry("java_buildpack", "slipway/java"),
            Map.entry("python_buildpack", "slipway/python"), Map.entry("staticfile_buildpack", "slipway/static"));

    /** The text as the user wrote it, for messages. */
    String text();

    record Bundled(String text, String id) implements BuildpackRef {
    }

    /** {@code bundledFallback}: the bundled buildpack that does the same, used when the clone fails. */
    record Git(String text, String url, String ref, String bundledFallback) implements BuildpackRef {
    }

    record App(String text, AppName app) implements BuildpackRef {
    }

    static BuildpackRef parse(String text, Set<String> bundled) {
        String t = text.strip();
        if (t.startsWith("app:")) {
            return new App(t, AppName.of(t.substring(4)));
        }
        if (t.contains("://") || t.startsWith("git@")) {
            int hash = t.indexOf('#');
            String url = hash < 0 ? t : t.substring(0, hash);
            String ref = hash < 0 ? "" : t.substring(hash + 1);
            if (!ref.isEmpty() && !ref.matches("[A-Za-z0-9._/][A-Za-z0-9._/-]*")) {
                throw new BuildFailedException("detect", "buildpack '" + t + "': the ref after '#' is not a branch, tag or commit");
            }
            return new Git(t, url, ref, officialFallback(url, bundled));
        }
        String id = ALIASES.getOrDefault(t.toLowerCase(Locale.ROOT), t);
        if (bundled.contains(id)) {
            return new Bundled(t, id);
        }
        if (bundled.contains("slipway/" + id)) {
            return new Bundled(t, "slipway/" + id);
        }
        throw new BuildFailedException("detect", "unknown buildpack '" + t + "': name a bundled one ("
                + String.join(", ", bundled) + "), a git URL (https://host/repo.git#ref) or app:NAME for an app"
                + " on this platform whose repository is a buildpack");
    }

    /**
     * github.com/heroku/heroku-buildpack-X (and Scalingo's github.com/Scalingo/X-buildpack, its
     * forks of them, and Cloud Foundry's github.com/cloudfoundry/X-buildpack) → slipway/X when that
     * is bundled (Cloud Foundry's staticfile → slipway/static).
     */
    private static String officialFallback(String url, Set<String> bundled) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile(
                "github\\.com[/:](?:heroku/heroku-buildpack-([a-z]+?)|(?i:scalingo|cloudfoundry)/([a-z]+?)-buildpack)(\\.git)?/?$")
                .matcher(url);
        if (m.find()) {
            String id = "slipway/" + (m.group(1) != null ? m.group(1) : m.group(2).replace("staticfile", "static"));
            return bundled.contains(id) ? id : "";
        }
        return "";
    }
}
