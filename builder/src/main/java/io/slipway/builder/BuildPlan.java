package io.slipway.builder;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Build-plan resolution (CNB buildpack API): each detected buildpack offers one or more
 * alternatives of {@code provides}/{@code requires}; a trial picks one alternative per buildpack,
 * and holds when everything required is provided by a buildpack at or before the requirer and
 * everything provided is required by the provider or a buildpack after it. Optional buildpacks
 * that break a trial are dropped from it.
 */
final class BuildPlan {

    private static final int MAX_TRIALS = 4096;

    /** A requirement as it reaches the providing buildpack's plan. */
    record Requirement(String name, JsonNode metadata) {
    }

    /** One buildpack's detect result. */
    record Detected(Buildpack buildpack, boolean optional, List<Alternative> alternatives) {
    }

    /** One {@code provides}/{@code requires} alternative of a plan ({@code [[or]]} adds more). */
    record Alternative(List<String> provides, List<Requirement> requires) {
    }

    /** A requirement and the buildpacks that provide it, in order; the first one gets it. */
    record Entry(Requirement requirement, List<Buildpack> providers) {
    }

    /** The chosen group and its plan entries. */
    record Resolved(List<Buildpack> group, List<Entry> entries) {
    }

    private BuildPlan() {
    }

    /** The first trial that holds, or empty when none does. */
    static java.util.Optional<Resolved> resolve(List<Detected> detected) {
        List<int[]> trials = trials(detected);
        for (int[] choice : trials) {
            java.util.Optional<Resolved> resolved = attempt(detected, choice);
            if (resolved.isPresent()) {
                return resolved;
            }
        }
        return java.util.Optional.empty();
    }

    private static List<int[]> trials(List<Detected> detected) {
        List<int[]> trials = new ArrayList<>();
        trials.add(new int[detected.size()]);
        for (int i = 0; i < detected.size(); i++) {
            int options = Math.max(1, detected.get(i).alternatives().size());
            List<int[]> next = new ArrayList<>();
            for (int[] t : trials) {
                for (int o = 0; o < options && next.size() < MAX_TRIALS; o++) {
                    int[] copy = t.clone();
                    copy[i] = o;
                    next.add(copy);
                }
            }
            trials = next;
        }
        return trials;
    }

    private static java.util.Optional<Resolved> attempt(List<Detected> detected, int[] choice) {
        Set<Integer> dropped = new HashSet<>();
        while (true) {
            int broken = firstBroken(detected, choice, dropped);
            if (broken < 0) {
                return java.util.Optional.of(plans(detected, choice, dropped));
            }
            if (!detected.get(broken).optional()) {
                return java.util.Optional.empty();
            }
            dropped.add(broken);
        }
    }

    /** The index of a buildpack whose provides or requires are unmatched, or -1. */
    private static int firstBroken(List<Detected> detected, int[] choice, Set<Integer> dropped) {
        for (int i = 0; i < detected.size(); i++) {
            if (dropped.contains(i)) {
                continue;
            }
            Alternative a = alternative(detected, choice, i);
            for (Requirement r : a.requires()) {
                if (!providedBetween(detected, choice, dropped, r.name(), 0, i)) {
                    return i;
                }
            }
            for (String p : a.provides()) {
                if (!requiredBetween(detected, choice, dropped, p, i, detected.size() - 1)) {
                    return i;
                }
            }
        }
        return -1;
    }

    private static boolean providedBetween(List<Detected> d, int[] choice, Set<Integer> dropped, String name,
                                           int from, int to) {
        for (int j = from; j <= to; j++) {
            if (!dropped.contains(j) && alternative(d, choice, j).provides().contains(name)) {
                return true;
            }
        }
        return false;
    }

    private static boolean requiredBetween(List<Detected> d, int[] choice, Set<Integer> dropped, String name,
                                           int from, int to) {
        for (int j = from; j <= to; j++) {
            if (!dropped.contains(j)
                    && alternative(d, choice, j).requires().stream().anyMatch(r -> r.name().equals(name))) {
                return true;
            }
        }
        return false;
    }

    private static Alternative alternative(List<Detected> d, int[] choice, int i) {
        List<Alternative> alternatives = d.get(i).alternatives();
        return alternatives.isEmpty() ? new Alternative(List.of(), List.of()) : alternatives.get(choice[i]);
    }

    /** Each requirement is offered to the providers of its name at or before the requirer. */
    private static Resolved plans(List<Detected> detected, int[] choice, Set<Integer> dropped) {
        List<Buildpack> group = new ArrayList<>();
        List<Entry> entries = new ArrayList<>();
        for (int i = 0; i < detected.size(); i++) {
            if (dropped.contains(i)) {
                continue;
            }
            group.add(detected.get(i).buildpack());
            for (Requirement r : alternative(detected, choice, i).requires()) {
                List<Buildpack> providers = new ArrayList<>();
                for (int j = 0; j <= i; j++) {
                    if (!dropped.contains(j) && alternative(detected, choice, j).provides().contains(r.name())) {
                        providers.add(detected.get(j).buildpack());
                    }
                }
                entries.add(new Entry(r, List.copyOf(providers)));
            }
        }
        return new Resolved(List.copyOf(group), List.copyOf(entries));
    }

    /** Reads a plan file a detect wrote: top-level provides/requires plus each {@code [[or]]}. */
    static List<Alternative> alternatives(JsonNode plan) {
        List<Alternative> alternatives = new ArrayList<>();
        if (plan == null || plan.isMissingNode() || plan.isEmpty()) {
            return alternatives;
        }
        alternatives.add(alternative(plan));
        for (JsonNode or : plan.path("or")) {
            alternatives.add(alternative(or));
        }
        return alternatives;
    }

    private static Alternative alternative(JsonNode node) {
        List<String> provides = new ArrayList<>();
        node.path("provides").forEach(p -> provides.add(p.path("name").asText()));
        List<Requirement> requires = new ArrayList<>();
        node.path("requires").forEach(r -> requires.add(new Requirement(r.path("name").asText(), r.path("metadata"))));
        return new Alternative(provides, requires);
    }
}
