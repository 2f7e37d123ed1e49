package io.slipway.builder;

import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import io.slipway.core.BuildFailedException;
import io.slipway.core.PushLog;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * The detect phase: expands composite buildpacks, runs each group's detects (each buildpack at
 * most once) and picks the first group whose build plan resolves.
 */
final class Detector {

    private static final TomlMapper TOML = new TomlMapper();
    private static final int PASS = 0;
    private static final int FAIL = 100;

    private final BuildContainer container;
    private final Map<String, String> platformEnv;
    private final long timeout;
    private final Map<String, Optional<List<BuildPlan.Alternative>>> results = new HashMap<>();
    private final Map<String, String> errors = new LinkedHashMap<>();

    Detector(BuildContainer container, Map<String, String> platformEnv, long timeout) {
        this.container = container;
        this.platformEnv = platformEnv;
        this.timeout = timeout;
    }

    /** The first group of {@code order} that detects and resolves; fails the build when none does. */
    BuildPlan.Resolved detect(List<List<OrderEntry>> order, Function<String, Buildpack> buildpacks, PushLog log,
                              String whenNone) {
        for (List<OrderEntry> group : expand(order, buildpacks)) {
            List<BuildPlan.Detected> detected = new ArrayList<>();
            boolean failed = false;
            for (OrderEntry entry : group) {
                Buildpack buildpack = buildpacks.apply(entry.id());
                Optional<List<BuildPlan.Alternative>> result = results.computeIfAbsent(buildpack.id(), id -> run(buildpack));
                if (result.isPresent()) {
                    detected.add(new BuildPlan.Detected(buildpack, entry.optional(), result.get()));
                } else if (!entry.optional()) {
                    failed = true;
                    break;
                }
            }
            if (failed || detected.isEmpty()) {
                continue;
            }
            Optional<BuildPlan.Resolved> resolved = BuildPlan.resolve(detected);
            if (resolved.isPresent()) {
                log.step("Detected buildpacks: " + String.join(", ",
                        resolved.get().group().stream().map(Buildpack::toString).toList()));
                return resolved.get();
            }
        }
        if (!errors.isEmpty()) {
            throw new BuildFailedException("detect", "detection failed: " + String.join("; ",
                    errors.entrySet().stream().map(e -> e.getKey() + ": " + e.getValue()).toList()));
        }
        throw new BuildFailedException("detect", whenNone);
    }

    /** Replaces each composite buildpack by each of its groups; a composite's members inherit its optional flag. */
    static List<List<OrderEntry>> expand(List<List<OrderEntry>> order, Function<String, Buildpack> buildpacks) {
        List<List<OrderEntry>> expanded = new ArrayList<>();
        for (List<OrderEntry> group : order) {
            List<List<OrderEntry>> partial = new ArrayList<>();
            partial.add(new ArrayList<>());
            for (OrderEntry entry : group) {
                Buildpack buildpack = buildpacks.apply(entry.id());
                if (buildpack == null) {
                    throw new BuildFailedException("detect", "order names buildpack '" + entry.id() + "', which is not available");
                }
                List<List<OrderEntry>> choices = buildpack.composite()
                        ? expand(buildpack.order(), buildpacks).stream().map(g -> g.stream()
                                .map(e -> new OrderEntry(e.id(), e.optional() || entry.optional())).toList()).toList()
                        : List.of(List.of(entry));
                List<List<OrderEntry>> next = new ArrayList<>();
                for (List<OrderEntry> prefix : partial) {
                    for (List<OrderEntry> choice : choices) {
                        List<OrderEntry> combined = new ArrayList<>(prefix);
                        combined.addAll(choice);
                        next.add(combined);
                    }
                }
                partial = next;
            }
            expanded.addAll(partial);
        }
        return expanded;
    }

    /** Runs one detect; the plan alternatives when it passes, empty when it does not. */
    private Optional<List<BuildPlan.Alternative>> run(Buildpack buildpack) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        if (buildpack.kind() == Buildpack.Kind.CLASSIC) {
            int code = container.exec(List.of(buildpack.containerDir() + "/bin/detect", "/workspace"),
                    BuildContainer.USER, platformEnv, out::writeBytes, timeout);
            return code == 0 ? Optional.of(List.of()) : Optional.empty();
        }
        String plan = "/tmp/detect/" + buildpack.escapedId() + ".toml";
        container.capture(List.of("sh", "-c", "mkdir -p /tmp/detect && : > \"$1\"", "sh", plan), BuildContainer.USER);
        Map<String, String> env = new LinkedHashMap<>(buildpack.clearEnv() ? Map.of() : platformEnv);
        env.put("CNB_BUILDPACK_DIR", buildpack.containerDir());
        env.put("CNB_BUILD_PLAN_PATH", plan);
        env.put("CNB_EXEC_ENV", "production");
        int code = container.exec(List.of(buildpack.containerDir() + "/bin/detect", "/platform", plan),
                BuildContainer.USER, env, out::writeBytes, timeout);
        if (code == PASS) {
            return Optional.of(BuildPlan.alternatives(readToml(plan)));
        }
        if (code != FAIL) {
            errors.put(buildpack.id(), "bin/detect exited " + code + ": " + out.toString(StandardCharsets.UTF_8).strip());
        }
        return Optional.empty();
    }

    private com.fasterxml.jackson.databind.JsonNode readToml(String path) {
        try (InputStream in = container.copyOut(path); TarArchiveInputStream tar = new TarArchiveInputStream(in)) {
            tar.getNextEntry();
            return TOML.readTree(tar.readAllBytes());
        } catch (IOException e) {
            throw new BuildFailedException("detect", path + " is not valid TOML: " + e.getMessage());
        }
    }
}
