package io.slipway.builder;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import io.slipway.core.BuildFailedException;
import io.slipway.core.PushLog;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The detect phase: expands composite buildpacks, runs the detects of every buildpack the
 * order names (each once, all in one exec whose output carries the results, since a detect
 * only reads the app and writes its own plan) and picks the first group whose build plan resolves.
 */
final class Detector {

    private static final TomlMapper TOML = new TomlMapper();
    private static final int PASS = 0;
    private static final int FAIL = 100;
    private static final String DIR = "/tmp/detect";
    /**
     * Runs each {@code ID DIR KIND CLEAR} quadruple's {@code bin/detect} the way the lifecycle
     * does, then prints {@code ID, exit code, output, plan}, each ended by a NUL.
     */
    private static final String DRIVER = """
            mkdir -p %1$s || exit 1
            while [ $# -ge 4 ]; do
              id=$1 dir=$2 kind=$3 clear=$4; shift 4
              plan=%1$s/$id.toml
              : > "$plan"
              (
                vars=$SLIPWAY_PLATFORM_VARS
                unset -v SLIPWAY_PLATFORM_VARS
                if [ "$kind" = classic ]; then exec "$dir/bin/detect" /workspace; fi
                if [ "$clear" = true ]; then unset -v $vars 2>/dev/null || true; fi
                export CNB_BUILDPACK_DIR="$dir" CNB_BUILD_PLAN_PATH="$plan" CNB_EXEC_ENV=production
                exec "$dir/bin/detect" /platform "$plan"
              ) > "%1$s/$id.out" 2>&1 < /dev/null
              printf '%%s\\0%%s\\0' "$id" "$?"
              tr -d '\\000' < "%1$s/$id.out"; printf '\\0'
              tr -d '\\000' < "$plan"; printf '\\0'
            done
            """.formatted(DIR);

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
                              Supplier<String> whenNone) {
        List<List<OrderEntry>> groups = expand(order, buildpacks);
        Set<Buildpack> all = new LinkedHashSet<>();
        groups.forEach(group -> group.forEach(entry -> all.add(buildpacks.apply(entry.id()))));
        run(all);
        for (List<OrderEntry> group : groups) {
            List<BuildPlan.Detected> detected = new ArrayList<>();
            boolean failed = false;
            for (OrderEntry entry : group) {
                Buildpack buildpack = buildpacks.apply(entry.id());
                Optional<List<BuildPlan.Alternative>> result = results.get(buildpack.id());
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
        throw new BuildFailedException("detect", whenNone.get());
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

    /** Runs the detects not run yet in one exec, then reads their exit codes, output and plans in one copy. */
    private void run(Set<Buildpack> buildpacks) {
        List<String> command = new ArrayList<>(List.of("bash", "-c", DRIVER, "detect"));
        for (Buildpack buildpack : buildpacks) {
            if (!results.containsKey(buildpack.id())) {
                command.addAll(List.of(buildpack.escapedId(), buildpack.containerDir(),
                        buildpack.kind() == Buildpack.Kind.CLASSIC ? "classic" : "cnb", String.valueOf(buildpack.clearEnv())));
            }
        }
        if (command.size() == 4) {
            return;
        }
        Map<String, String> env = new LinkedHashMap<>(platformEnv);
        env.put("SLIPWAY_PLATFORM_VARS", String.join(" ", platformEnv.keySet()));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = container.exec(command, BuildContainer.USER, env, out::writeBytes, err::writeBytes, timeout);
        if (code != 0) {
            throw new BuildFailedException("detect", "the detect phase failed (exit " + code + "): "
                    + err.toString(StandardCharsets.UTF_8).strip());
        }
        String[] fields = out.toString(StandardCharsets.UTF_8).split("\0", -1);
        Map<String, Buildpack> byEscapedId = new HashMap<>();
        buildpacks.forEach(b -> byEscapedId.put(b.escapedId(), b));
        for (int i = 0; i + 3 < fields.length; i += 4) {
            Buildpack buildpack = byEscapedId.get(fields[i]);
            if (buildpack != null) {
                results.put(buildpack.id(), outcome(buildpack, fields[i + 1], fields[i + 2].strip(),
                        fields[i + 3].getBytes(StandardCharsets.UTF_8)));
            }
        }
        for (Buildpack buildpack : buildpacks) {
            if (!results.containsKey(buildpack.id())) {
                throw new BuildFailedException("detect", "the detect phase did not report on " + buildpack + ": "
                        + err.toString(StandardCharsets.UTF_8).strip());
            }
        }
    }

    private Optional<List<BuildPlan.Alternative>> outcome(Buildpack buildpack, String exit, String output, byte[] plan) {
        int code = exit.matches("\\d+") ? Integer.parseInt(exit) : -1;
        if (buildpack.kind() == Buildpack.Kind.CLASSIC) {
            return code == PASS ? Optional.of(List.of()) : Optional.empty();
        }
        if (code == PASS) {
            return Optional.of(BuildPlan.alternatives(parse(buildpack, plan)));
        }
        if (code != FAIL) {
            errors.put(buildpack.id(), "bin/detect exited " + code + ": " + output);
        }
        return Optional.empty();
    }

    private static JsonNode parse(Buildpack buildpack, byte[] plan) {
        try {
            JsonNode toml = TOML.readTree(plan);
            return toml == null ? TOML.createObjectNode() : toml;
        } catch (IOException e) {
            throw new BuildFailedException("detect", "buildpack " + buildpack + " wrote a build plan that is not valid TOML: "
                    + e.getMessage());
        }
    }
}
