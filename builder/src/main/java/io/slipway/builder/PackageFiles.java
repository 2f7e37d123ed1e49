package io.slipway.builder;

import io.slipway.core.SourceTree;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/** The files a bundled buildpack builds an app from, each with that buildpack's name. */
final class PackageFiles {

    /** File name → bundled buildpack, in the order a build names them. */
    static final Map<String, String> BUILDPACKS;

    /**
     * Other files a bundled buildpack detects an app by (a site's index page, a PHP front
     * controller), after the package files: path → buildpack.
     */
    static final Map<String, String> ENTRY_FILES;

    static {
        Map<String, String> files = new LinkedHashMap<>();
        files.put("pom.xml", "java");
        files.put("package.json", "nodejs");
        files.put("requirements.txt", "python");
        files.put("pyproject.toml", "python");
        files.put("go.mod", "go");
        files.put("composer.json", "php");
        BUILDPACKS = Collections.unmodifiableMap(files);
        Map<String, String> entries = new LinkedHashMap<>();
        entries.put("Pipfile", "python");
        entries.put("setup.py", "python");
        entries.put("index.php", "php");
        entries.put("public/index.php", "php");
        entries.put("static.json", "static");
        entries.put("Staticfile", "static");
        ENTRY_FILES = Collections.unmodifiableMap(entries);
    }

    /**
     * An index page: the static buildpack serves it, but only the app can say it is a site (a
     * Dockerfile app with one may be a server whose sources would be served), so it is only named.
     */
    private static final List<String> PAGES = List.of("index.html", "public/index.html");

    /** The first of the app's files that a bundled buildpack builds it from, with that buildpack. */
    static Optional<Map.Entry<String, String>> buildpackFor(SourceTree source) {
        return Stream.concat(BUILDPACKS.entrySet().stream(), ENTRY_FILES.entrySet().stream())
                .filter(file -> source.file(file.getKey()).isPresent()).findFirst();
    }

    /** As {@link #buildpackFor}, or else the index page that the static buildpack would serve. */
    static Optional<Map.Entry<String, String>> buildpackOrSiteFor(SourceTree source) {
        return buildpackFor(source).or(() -> PAGES.stream().filter(page -> source.file(page).isPresent()).findFirst()
                .map(page -> Map.entry(page, "static")));
    }

    private PackageFiles() {
    }
}
