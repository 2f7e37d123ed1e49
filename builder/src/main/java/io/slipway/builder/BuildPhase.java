package io.slipway.builder;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.slipway.core.BuildFailedException;
import io.slipway.core.PushLog;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * The build phase: each buildpack of the group in order, CNB ({@code bin/build}) or classic
 * ({@code bin/compile}), each seeing the build-time environment of the ones before it.
 */
final class BuildPhase {

    private static final TomlMapper TOML = new TomlMapper();
    private static final YAMLMapper YAML = new YAMLMapper();
    /**
     * Makes the directories in {@code SLIPWAY_DIRS}, writes {@code SLIPWAY_PLAN} to
     * {@code SLIPWAY_PLAN_PATH}, sources the classic buildpacks' {@code export} files, then runs
     * the command.
     */
    private static final String WRAPPER = """
            for d in $SLIPWAY_DIRS; do mkdir -p "$d" || exit 1; done
            if [ -n "${SLIPWAY_PLAN_PATH:-}" ]; then printf '%s' "$SLIPWAY_PLAN" > "$SLIPWAY_PLAN_PATH" || exit 1; fi
            unset -v SLIPWAY_DIRS SLIPWAY_PLAN SLIPWAY_PLAN_PATH
            for f in /tmp/exports/*; do [ -f "$f" ] && . "$f"; done
            exec "$@"
            """;

    private final BuildContainer container;
    private final Map<String, String> platformEnv;
    private final Map<String, String> env;
    private final PushLog log;
    private final long timeout;
    private final Map<String, String> processes = new LinkedHashMap<>();
    private final Map<String, String> labels = new LinkedHashMap<>();
    private boolean classic;
    /** The layers as the last buildpack left them, when that was a CNB one (null otherwise). */
    private LayerInventory inventory;

    BuildPhase(BuildContainer container, Map<String, String> platformEnv, PushLog log, long timeout) {
        this.container = container;
        this.platformEnv = platformEnv;
        this.env = new LinkedHashMap<>(platformEnv);
        this.log = log;
        this.timeout = timeout;
    }

    void run(BuildPlan.Resolved resolved) {
        List<BuildPlan.Entry> entries = new ArrayList<>(resolved.entries());
        int index = 0;
        for (Buildpack buildpack : resolved.group()) {
            index++;
            if (buildpack.kind() == Buildpack.Kind.CLASSIC) {
                compile(buildpack, index);
            } else {
                build(buildpack, entries);
            }
        }
    }

    private void build(Buildpack buildpack, List<BuildPlan.Entry> entries) {
        String layers = "/layers/" + buildpack.escapedId();
        String plan = "/tmp/plans/" + buildpack.escapedId() + ".toml";
        List<BuildPlan.Entry> mine = entries.stream()
                .filter(e -> !e.providers().isEmpty() && e.providers().get(0).equals(buildpack)).toList();
        Map<String, String> buildEnv = new LinkedHashMap<>(buildpack.clearEnv() ? withoutPlatform() : env);
        buildEnv.put("SLIPWAY_DIRS", "/tmp/plans " + layers);
        buildEnv.put("SLIPWAY_PLAN_PATH", plan);
        buildEnv.put("SLIPWAY_PLAN", PlanWriter.write(mine));
        buildEnv.put("CNB_LAYERS_DIR", layers);
        buildEnv.put("CNB_BP_PLAN_PATH", plan);
        buildEnv.put("CNB_BUILDPACK_DIR", buildpack.containerDir());
        buildEnv.put("CNB_EXEC_ENV", "production");
        run(buildpack, List.of(buildpack.containerDir() + "/bin/build", layers, "/platform", plan), buildEnv);

        inventory = LayerInventory.read(container);
        List<String> unmet = new ArrayList<>();
        inventory.buildToml(buildpack.escapedId()).ifPresent(toml ->
                toml.path("unmet").forEach(u -> unmet.add(u.path("name").asText())));
        entries.removeIf(e -> mine.contains(e) && !unmet.contains(e.requirement().name()));
        entries.replaceAll(e -> mine.contains(e)
                ? new BuildPlan.Entry(e.requirement(), e.providers().subList(1, e.providers().size())) : e);
        applyBuildLayers(buildpack, inventory);

        JsonNode launch = inventory.launchToml(buildpack.escapedId()).orElse(TOML.createObjectNode());
        for (JsonNode p : launch.path("processes")) {
            processes.put(p.path("type").asText(), LaunchCommand.of(p));
        }
        launch.path("labels").forEach(l -> labels.put(l.path("key").asText(), l.path("value").asText()));
    }

    /** Heroku classic: {@code bin/compile BUILD_DIR CACHE_DIR ENV_DIR}, then {@code bin/release}. */
    private void compile(Buildpack buildpack, int index) {
        classic = true;
        inventory = null;
        String cache = "/layers/.classic-cache/" + buildpack.escapedId();
        Map<String, String> compileEnv = new LinkedHashMap<>(env);
        compileEnv.put("HOME", "/workspace");
        compileEnv.put("STACK", "heroku-24");
        compileEnv.put("BUILDPACK_DIR", buildpack.containerDir());
        Map<String, String> runEnv = new LinkedHashMap<>(compileEnv);
        runEnv.put("SLIPWAY_DIRS", "/tmp/exports " + cache);
        run(buildpack, List.of(buildpack.containerDir() + "/bin/compile", "/workspace", cache, "/platform/env"), runEnv);
        ByteArrayOutputStream release = new ByteArrayOutputStream();
        ByteArrayOutputStream errors = new ByteArrayOutputStream();
        int code = container.exec(List.of("sh", "-c", "{ [ ! -f \"$1/export\" ] || cp \"$1/export\" \"/tmp/exports/$2\"; }"
                        + " && { [ ! -x \"$1/bin/release\" ] || \"$1/bin/release\" /workspace; }", "sh",
                buildpack.containerDir(), String.format("%02d", index)), BuildContainer.USER, compileEnv,
                release::writeBytes, errors::writeBytes, timeout);
        if (code != 0) {
            throw new BuildFailedException("build", "buildpack " + buildpack.id() + " bin/release failed (exit " + code
                    + "): " + (errors.toString(StandardCharsets.UTF_8) + release.toString(StandardCharsets.UTF_8)).strip());
        }
        try {
            JsonNode yaml = YAML.readTree(release.toByteArray());
            if (yaml != null) {
                yaml.path("default_process_types").fields()
                        .forEachRemaining(p -> processes.putIfAbsent(p.getKey(), p.getValue().asText()));
            }
        } catch (IOException e) {
            log.info("ignoring bin/release output of " + buildpack.id() + " that is not YAML");
        }
    }

    private void run(Buildpack buildpack, List<String> command, Map<String, String> runEnv) {
        io.slipway.core.LineBuffer lines = new io.slipway.core.LineBuffer(log::line);
        List<String> wrapped = new ArrayList<>(List.of("bash", "-c", WRAPPER, "build"));
        wrapped.addAll(command);
        int code = container.exec(wrapped, BuildContainer.USER, runEnv, lines::accept, timeout);
        lines.flush();
        if (code != 0) {
            throw new BuildFailedException("build", "buildpack " + buildpack + " failed (exit " + code + ")");
        }
    }

    /** A buildpack's build layers shape the environment of the buildpacks after it. */
    private void applyBuildLayers(Buildpack buildpack, LayerInventory inventory) {
        inventory.types().forEach((layer, types) -> {
            if (!types.build() || !layer.startsWith(buildpack.escapedId() + "/")) {
                return;
            }
            String path = "/layers/" + layer;
            if (inventory.hasSubdirectory(layer, "bin")) {
                // The commands run with this env, which replaces the image's: PATH starts as the image's.
                env.computeIfAbsent("PATH", k -> container.capture(List.of("sh", "-c", "printf %s \"$PATH\""),
                        BuildContainer.USER));
                EnvDirectory.prependPath(env, "PATH", path + "/bin");
            }
            if (inventory.hasSubdirectory(layer, "lib")) {
                EnvDirectory.prependPath(env, "LD_LIBRARY_PATH", path + "/lib");
                EnvDirectory.prependPath(env, "LIBRARY_PATH", path + "/lib");
            }
            if (inventory.hasSubdirectory(layer, "include")) {
                EnvDirectory.prependPath(env, "CPATH", path + "/include");
            }
            if (inventory.hasSubdirectory(layer, "pkgconfig")) {
                EnvDirectory.prependPath(env, "PKG_CONFIG_PATH", path + "/pkgconfig");
            }
            for (String envDir : List.of("env", "env.build")) {
                if (inventory.hasSubdirectory(layer, envDir)) {
                    new EnvDirectory(readFiles(path + "/" + envDir)).applyTo(env);
                }
            }
        });
    }

    private Map<String, String> withoutPlatform() {
        Map<String, String> copy = new LinkedHashMap<>(env);
        platformEnv.forEach((k, v) -> copy.remove(k, v));
        return copy;
    }

    /** The regular files directly in a container directory: name → contents. */
    private Map<String, String> readFiles(String dir) {
        Map<String, String> files = new LinkedHashMap<>();
        try (InputStream in = container.copyOut(dir); TarArchiveInputStream tar = new TarArchiveInputStream(in)) {
            for (TarArchiveEntry e = tar.getNextEntry(); e != null; e = tar.getNextEntry()) {
                String[] parts = e.getName().split("/");
                if (e.isFile() && parts.length == 2) {
                    files.put(parts[1], new String(tar.readAllBytes(), StandardCharsets.UTF_8));
                }
            }
        } catch (IOException e) {
            throw new BuildFailedException("build", "cannot read " + dir + ": " + e.getMessage());
        }
        return files;
    }

    Map<String, String> processes() {
        return processes;
    }

    Map<String, String> labels() {
        return labels;
    }

    /** What {@code /layers} holds now. */
    LayerInventory layers() {
        return inventory != null ? inventory : LayerInventory.read(container);
    }

    /** Whether a classic buildpack ran: its app expects HOME to be the app dir. */
    boolean classic() {
        return classic;
    }
}
