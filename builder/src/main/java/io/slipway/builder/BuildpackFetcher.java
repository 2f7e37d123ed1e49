package io.slipway.builder;

import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import io.slipway.core.BuildFailedException;
import io.slipway.core.PushLog;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * Puts the buildpacks a user named into the build container under {@code /cnb/buildpacks}:
 * bundled ones are there already, git URLs are cloned inside the container (so its CA bundle and
 * network apply), and {@code app:NAME} buildpacks are copied from that app's repository.
 */
final class BuildpackFetcher {

    private static final TomlMapper TOML = new TomlMapper();

    private final BuildContainer container;
    private final BundledBuildpacks bundled;
    private final AppBuildpacks apps;
    private final Path tempDir;
    private final PushLog log;
    private int fetched;

    BuildpackFetcher(BuildContainer container, BundledBuildpacks bundled, AppBuildpacks apps, Path tempDir, PushLog log) {
        this.container = container;
        this.bundled = bundled;
        this.apps = apps;
        this.tempDir = tempDir;
        this.log = log;
    }

    List<Buildpack> fetch(List<BuildpackRef> refs) {
        List<Buildpack> buildpacks = new ArrayList<>();
        for (BuildpackRef ref : refs) {
            buildpacks.add(fetch(ref));
        }
        return buildpacks;
    }

    private Buildpack fetch(BuildpackRef ref) {
        if (ref instanceof BuildpackRef.Git git) {
            return clone(git);
        }
        if (ref instanceof BuildpackRef.App app) {
            return fromApp(app);
        }
        return bundled.get(((BuildpackRef.Bundled) ref).id());
    }

    private Buildpack clone(BuildpackRef.Git git) {
        String dir = stagingDir();
        log.step("Fetching buildpack " + git.text());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        String script = "set -e; if [ -n \"$2\" ]; then git clone -q --depth 1 --branch \"$2\" \"$1\" \"$3\" 2>/dev/null"
                + " || { git clone -q \"$1\" \"$3\" && git -C \"$3\" checkout -q \"$2\"; }; else git clone -q --depth 1 \"$1\" \"$3\"; fi";
        int code = container.exec(List.of("bash", "-c", script, "clone", git.url(), git.ref(), dir),
                BuildContainer.USER, Map.of("GIT_TERMINAL_PROMPT", "0"), out::writeBytes, 600);
        if (code != 0) {
            String why = out.toString(StandardCharsets.UTF_8).strip();
            if (!git.bundledFallback().isEmpty()) {
                log.info("cannot clone " + git.url() + " (" + why + "); using the bundled " + git.bundledFallback()
                        + ", which builds the same kind of app");
                return bundled.get(git.bundledFallback());
            }
            throw new BuildFailedException("detect", "cannot clone buildpack " + git.text() + ": " + why);
        }
        return describe(dir, git.text(), lastPathSegment(git.url()));
    }

    private Buildpack fromApp(BuildpackRef.App ref) {
        var source = apps.source(ref.app()).orElseThrow(() -> new BuildFailedException("detect",
                "buildpack " + ref.text() + ": no app " + ref.app() + " with pushed code on this platform"));
        String dir = stagingDir();
        try {
            Path tar = Files.createTempFile(tempDir, "buildpack", ".tar");
            try {
                try (var out = Files.newOutputStream(tar)) {
                    source.writeTar(out, 1000, 1000, List.of());
                }
                container.capture(List.of("mkdir", "-p", dir), BuildContainer.USER);
                try (InputStream in = Files.newInputStream(tar)) {
                    container.copyIn(in, dir);
                }
            } finally {
                Files.deleteIfExists(tar);
            }
        } catch (IOException e) {
            throw new BuildFailedException("detect", "cannot copy buildpack " + ref.text() + ": " + e.getMessage());
        }
        return describe(dir, ref.text(), ref.app().value());
    }

    /** Reads what was fetched into {@code dir} and moves it to its buildpack's directory. */
    private Buildpack describe(String dir, String text, String fallbackId) {
        String listing = container.capture(List.of("sh", "-c", "cd \"$1\" && ls -d buildpack.toml bin/compile bin/detect 2>/dev/null; true",
                "ls", dir), BuildContainer.USER);
        Buildpack buildpack;
        if (listing.contains("buildpack.toml")) {
            try (InputStream in = container.copyOut(dir + "/buildpack.toml"); var tar = new TarArchiveInputStream(in)) {
                tar.getNextEntry();
                buildpack = Buildpack.fromToml(TOML.readTree(tar.readAllBytes()), text + " buildpack.toml");
            } catch (IOException e) {
                throw new BuildFailedException("detect", text + ": buildpack.toml is not valid TOML: " + e.getMessage());
            }
        } else if (listing.contains("bin/compile")) {
            buildpack = Buildpack.classic(fallbackId.replaceAll("[^A-Za-z0-9./-]", "-"));
        } else {
            throw new BuildFailedException("detect", text + " is not a buildpack: it has neither buildpack.toml"
                    + " (Cloud Native Buildpacks) nor bin/compile (Heroku classic)");
        }
        container.capture(List.of("sh", "-c", "rm -rf \"$2\" && mv \"$1\" \"$2\" && chmod -R a+rX \"$2\" "
                + "&& chmod a+x \"$2\"/bin/* 2>/dev/null; true", "mv", dir, buildpack.containerDir()), BuildContainer.USER);
        return buildpack;
    }

    private String stagingDir() {
        return "/cnb/buildpacks/.fetch-" + (++fetched);
    }

    private static String lastPathSegment(String url) {
        String path = url.replaceAll("/+$", "").replaceAll("\\.git$", "");
        return path.substring(Math.max(path.lastIndexOf('/'), path.lastIndexOf(':')) + 1);
    }
}
