package io.slipway.builder;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** The package files a bundled buildpack builds an app from, each with that buildpack's name. */
final class PackageFiles {

    /** File name → bundled buildpack, in the order a build names them. */
    static final Map<String, String> BUILDPACKS;

    static {
        Map<String, String> files = new LinkedHashMap<>();
        files.put("pom.xml", "java");
        files.put("package.json", "nodejs");
        files.put("requirements.txt", "python");
        files.put("pyproject.toml", "python");
        files.put("go.mod", "go");
        files.put("composer.json", "php");
        BUILDPACKS = Collections.unmodifiableMap(files);
    }

    private PackageFiles() {
    }
}
