package io.slipway.builder;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import io.slipway.builder.BuildPlan.Alternative;
import io.slipway.builder.BuildPlan.Detected;
import io.slipway.builder.BuildPlan.Entry;
import io.slipway.builder.BuildPlan.Requirement;
import io.slipway.builder.BuildPlan.Resolved;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class BuildPlanTest {

    private static final Buildpack NODE = buildpack("slipway/nodejs");
    private static final Buildpack NPM = buildpack("slipway/npm");
    private static final Buildpack PROCFILE = buildpack("slipway/procfile");
    private static final Buildpack PYTHON = buildpack("slipway/python");

    private static Buildpack buildpack(String id) {
        return new Buildpack(id, "1.0.0", "0.10", Buildpack.Kind.CNB, false, List.of());
    }

    private static Detected required(Buildpack buildpack, Alternative... alternatives) {
        return new Detected(buildpack, false, List.of(alternatives));
    }

    private static Detected optional(Buildpack buildpack, Alternative... alternatives) {
        return new Detected(buildpack, true, List.of(alternatives));
    }

    private static Alternative plan(List<String> provides, String... requires) {
        return new Alternative(provides, Arrays.stream(requires)
                .map(name -> new Requirement(name, MissingNode.getInstance())).toList());
    }

    private static List<String> ids(Resolved resolved) {
        return resolved.group().stream().map(Buildpack::id).toList();
    }

    private static List<String> requirementNames(Resolved resolved) {
        return resolved.entries().stream().map(e -> e.requirement().name()).toList();
    }

    @Test
    void resolveWhenNoBuildpackHasAPlanPassesWithEveryBuildpack() {
        Optional<Resolved> resolved = BuildPlan.resolve(List.of(required(NODE), required(PROCFILE, plan(List.of()))));

        assertThat(resolved).hasValueSatisfying(r -> {
            assertThat(ids(r)).containsExactly("slipway/nodejs", "slipway/procfile");
            assertThat(r.entries()).isEmpty();
        });
    }

    @Test
    void resolveWhenRequirementIsProvidedEarlierPasses() {
        Optional<Resolved> resolved = BuildPlan.resolve(List.of(
                required(NODE, plan(List.of("node"))),
                required(NPM, plan(List.of(), "node"))));

        assertThat(resolved).hasValueSatisfying(r -> {
            assertThat(ids(r)).containsExactly("slipway/nodejs", "slipway/npm");
            assertThat(r.entries()).extracting(Entry::requirement).extracting(Requirement::name).containsExactly("node");
            assertThat(r.entries().get(0).providers()).containsExactly(NODE);
        });
    }

    @Test
    void resolveWhenABuildpackProvidesWhatItRequiresItselfPasses() {
        Optional<Resolved> resolved = BuildPlan.resolve(List.of(required(NODE, plan(List.of("node"), "node"))));

        assertThat(resolved).hasValueSatisfying(r -> assertThat(r.entries().get(0).providers()).containsExactly(NODE));
    }

    @Test
    void resolveWhenRequirementIsProvidedOnlyLaterFails() {
        Optional<Resolved> resolved = BuildPlan.resolve(List.of(
                required(NPM, plan(List.of(), "node")),
                required(NODE, plan(List.of("node")))));

        assertThat(resolved).isEmpty();
    }

    @Test
    void resolveWhenRequirementIsProvidedByNoOneFails() {
        assertThat(BuildPlan.resolve(List.of(required(NPM, plan(List.of(), "node"))))).isEmpty();
    }

    @Test
    void resolveWhenSomethingProvidedIsRequiredByNoOneFails() {
        Optional<Resolved> resolved = BuildPlan.resolve(List.of(
                required(NODE, plan(List.of("node"))),
                required(PROCFILE, plan(List.of()))));

        assertThat(resolved).isEmpty();
    }

    @Test
    void resolveWhenSomethingProvidedIsRequiredOnlyEarlierFails() {
        Optional<Resolved> resolved = BuildPlan.resolve(List.of(
                required(NPM, plan(List.of(), "node")),
                required(NODE, plan(List.of("node"))),
                required(PROCFILE)));

        assertThat(resolved).isEmpty();
    }

    @Test
    void resolveWhenAnOptionalBuildpackBreaksTheTrialDropsItAndResolvesTheRest() {
        Optional<Resolved> resolved = BuildPlan.resolve(List.of(
                required(NODE, plan(List.of("node"))),
                optional(PYTHON, plan(List.of("python"))),
                required(NPM, plan(List.of(), "node"))));

        assertThat(resolved).hasValueSatisfying(r -> {
            assertThat(ids(r)).containsExactly("slipway/nodejs", "slipway/npm");
            assertThat(requirementNames(r)).containsExactly("node");
        });
    }

    @Test
    void resolveWhenDroppingAnOptionalRequirerLeavesItsProviderUnrequiredDropsThatOptionalProviderToo() {
        Optional<Resolved> resolved = BuildPlan.resolve(List.of(
                optional(NODE, plan(List.of("node"))),
                optional(NPM, plan(List.of(), "node", "yarn")),
                required(PROCFILE)));

        assertThat(resolved).hasValueSatisfying(r -> {
            assertThat(ids(r)).containsExactly("slipway/procfile");
            assertThat(r.entries()).isEmpty();
        });
    }

    @Test
    void resolveWhenDroppingAnOptionalRequirerBreaksARequiredProviderFails() {
        Optional<Resolved> resolved = BuildPlan.resolve(List.of(
                required(NODE, plan(List.of("node"))),
                optional(NPM, plan(List.of(), "node", "yarn"))));

        assertThat(resolved).isEmpty();
    }

    @Test
    void resolveWhenANonOptionalBuildpackBreaksTheTrialFails() {
        Optional<Resolved> resolved = BuildPlan.resolve(List.of(
                required(NODE, plan(List.of("node"))),
                required(PYTHON, plan(List.of("python"))),
                required(NPM, plan(List.of(), "node"))));

        assertThat(resolved).isEmpty();
    }

    @Test
    void resolveWhenTheFirstAlternativeFailsChoosesTheSecond() {
        Optional<Resolved> resolved = BuildPlan.resolve(List.of(
                required(NODE, plan(List.of("node"))),
                required(NPM, plan(List.of(), "yarn"), plan(List.of(), "node"))));

        assertThat(resolved).hasValueSatisfying(r -> {
            assertThat(ids(r)).containsExactly("slipway/nodejs", "slipway/npm");
            assertThat(requirementNames(r)).containsExactly("node");
        });
    }

    @Test
    void resolveWhenBothAlternativesHoldChoosesTheFirst() {
        Optional<Resolved> resolved = BuildPlan.resolve(List.of(
                required(NODE, plan(List.of("node"), "node"), plan(List.of())),
                required(PROCFILE)));

        assertThat(resolved).hasValueSatisfying(r -> assertThat(requirementNames(r)).containsExactly("node"));
    }

    @Test
    void resolveWhenAnEarlierBuildpackMustUseItsSecondAlternativeFindsThatTrial() {
        Optional<Resolved> resolved = BuildPlan.resolve(List.of(
                required(NODE, plan(List.of("node", "yarn")), plan(List.of("node"))),
                required(NPM, plan(List.of(), "node"))));

        assertThat(resolved).hasValueSatisfying(r -> {
            assertThat(ids(r)).containsExactly("slipway/nodejs", "slipway/npm");
            assertThat(r.entries().get(0).providers()).containsExactly(NODE);
        });
    }

    @Test
    void resolveWhenEveryAlternativeFailsFails() {
        Optional<Resolved> resolved = BuildPlan.resolve(List.of(
                required(NPM, plan(List.of(), "node"), plan(List.of(), "yarn"))));

        assertThat(resolved).isEmpty();
    }

    @Test
    void resolveListsEveryProviderAtOrBeforeTheRequirerFirstProviderFirst() {
        Optional<Resolved> resolved = BuildPlan.resolve(List.of(
                required(PYTHON, plan(List.of("node"))),
                required(NODE, plan(List.of("node"))),
                required(NPM, plan(List.of(), "node"))));

        assertThat(resolved).hasValueSatisfying(r -> {
            assertThat(r.entries()).hasSize(1);
            assertThat(r.entries().get(0).providers()).containsExactly(PYTHON, NODE);
        });
    }

    @Test
    void resolveGivesEachRequirerItsOwnEntryInGroupOrder() {
        Optional<Resolved> resolved = BuildPlan.resolve(List.of(
                required(NODE, plan(List.of("node"), "node")),
                required(NPM, plan(List.of(), "node"))));

        assertThat(resolved).hasValueSatisfying(r -> {
            assertThat(requirementNames(r)).containsExactly("node", "node");
            assertThat(r.entries()).allSatisfy(e -> assertThat(e.providers()).containsExactly(NODE));
        });
    }

    @Test
    void resolveLeavesOutADroppedOptionalProviderFromTheEntries() {
        Optional<Resolved> resolved = BuildPlan.resolve(List.of(
                optional(PYTHON, plan(List.of("node"), "missing")),
                required(NODE, plan(List.of("node"))),
                required(NPM, plan(List.of(), "node"))));

        assertThat(resolved).hasValueSatisfying(r -> {
            assertThat(ids(r)).containsExactly("slipway/nodejs", "slipway/npm");
            assertThat(r.entries().get(0).providers()).containsExactly(NODE);
        });
    }

    @Test
    void alternativesReadsProvidesRequiresMetadataAndEachOr() throws IOException {
        JsonNode toml = new TomlMapper().readTree("""
                [[provides]]
                name = "node"

                [[requires]]
                name = "node"
                [requires.metadata]
                version = "20.x"
                build = true

                [[or]]
                [[or.provides]]
                name = "yarn"
                [[or.requires]]
                name = "yarn"

                [[or]]
                [[or.requires]]
                name = "node_modules"
                """);

        List<Alternative> alternatives = BuildPlan.alternatives(toml);

        assertThat(alternatives).hasSize(3);
        assertThat(alternatives.get(0).provides()).containsExactly("node");
        assertThat(alternatives.get(0).requires()).singleElement().satisfies(r -> {
            assertThat(r.name()).isEqualTo("node");
            assertThat(r.metadata().path("version").asText()).isEqualTo("20.x");
            assertThat(r.metadata().path("build").asBoolean()).isTrue();
        });
        assertThat(alternatives.get(1).provides()).containsExactly("yarn");
        assertThat(alternatives.get(1).requires()).extracting(Requirement::name).containsExactly("yarn");
        assertThat(alternatives.get(2).provides()).isEmpty();
        assertThat(alternatives.get(2).requires()).extracting(Requirement::name).containsExactly("node_modules");
    }

    @Test
    void alternativesWhenRequirementHasNoMetadataGivesAMissingNode() throws IOException {
        JsonNode toml = new TomlMapper().readTree("[[requires]]\nname = \"node\"\n");

        assertThat(BuildPlan.alternatives(toml)).singleElement()
                .satisfies(a -> assertThat(a.requires().get(0).metadata().isMissingNode()).isTrue());
    }

    @Test
    void alternativesWhenPlanFileIsEmptyOrAbsentGivesNone() throws IOException {
        assertThat(BuildPlan.alternatives(new TomlMapper().readTree(""))).isEmpty();
        assertThat(BuildPlan.alternatives(MissingNode.getInstance())).isEmpty();
        assertThat(BuildPlan.alternatives(null)).isEmpty();
    }

    @Test
    void alternativesFromTomlResolveWithTheSecondAlternative() throws IOException {
        TomlMapper toml = new TomlMapper();
        List<Alternative> node = BuildPlan.alternatives(toml.readTree("[[provides]]\nname = \"node\"\n"));
        List<Alternative> npm = BuildPlan.alternatives(toml.readTree("""
                [[requires]]
                name = "yarn"

                [[or]]
                [[or.requires]]
                name = "node"
                [or.requires.metadata]
                launch = true
                """));

        Optional<Resolved> resolved = BuildPlan.resolve(List.of(
                new Detected(NODE, false, node), new Detected(NPM, false, npm)));

        assertThat(resolved).hasValueSatisfying(r -> {
            assertThat(r.entries()).singleElement().satisfies(e -> {
                assertThat(e.requirement().name()).isEqualTo("node");
                assertThat(e.requirement().metadata().path("launch").asBoolean()).isTrue();
                assertThat(e.providers()).containsExactly(NODE);
            });
        });
    }
}
