package io.slipway.builder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.slipway.core.BuildFailedException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class DetectorTest {

    private final Map<String, Buildpack> available = new LinkedHashMap<>();

    private void component(String... ids) {
        for (String id : ids) {
            available.put(id, new Buildpack(id, "1.0.0", "0.10", Buildpack.Kind.CNB, false, List.of()));
        }
    }

    @SafeVarargs
    private void composite(String id, List<OrderEntry>... groups) {
        available.put(id, new Buildpack(id, "1.0.0", "0.10", Buildpack.Kind.CNB, false, List.of(groups)));
    }

    private List<List<OrderEntry>> expand(List<List<OrderEntry>> order) {
        Function<String, Buildpack> lookup = available::get;
        return Detector.expand(order, lookup);
    }

    private static OrderEntry entry(String id) {
        return new OrderEntry(id, false);
    }

    private static OrderEntry optional(String id) {
        return new OrderEntry(id, true);
    }

    @Test
    void expandWhenEveryBuildpackIsAComponentKeepsTheOrderAsItIs() {
        component("a", "b", "c");
        List<List<OrderEntry>> order = List.of(List.of(entry("a"), optional("b")), List.of(entry("c")));

        assertThat(expand(order)).isEqualTo(order);
    }

    @Test
    void expandWhenOrderIsEmptyGivesNoGroups() {
        assertThat(expand(List.of())).isEmpty();
    }

    @Test
    void expandReplacesACompositeByEachOfItsGroupsCombinedWithTheRestOfTheGroup() {
        component("node", "yarn", "npm", "procfile");
        composite("nodejs", List.of(entry("node"), entry("yarn")), List.of(entry("node"), entry("npm")));

        List<List<OrderEntry>> expanded = expand(List.of(List.of(entry("nodejs"), optional("procfile"))));

        assertThat(expanded).containsExactly(
                List.of(entry("node"), entry("yarn"), optional("procfile")),
                List.of(entry("node"), entry("npm"), optional("procfile")));
    }

    @Test
    void expandWhenTwoCompositesShareAGroupGivesEveryCombinationInOrder() {
        component("a1", "a2", "b1", "b2");
        composite("a", List.of(entry("a1")), List.of(entry("a2")));
        composite("b", List.of(entry("b1")), List.of(entry("b2")));

        List<List<OrderEntry>> expanded = expand(List.of(List.of(entry("a"), entry("b"))));

        assertThat(expanded).containsExactly(
                List.of(entry("a1"), entry("b1")),
                List.of(entry("a1"), entry("b2")),
                List.of(entry("a2"), entry("b1")),
                List.of(entry("a2"), entry("b2")));
    }

    @Test
    void expandKeepsTheOrderGroupsInOrderAfterExpansion() {
        component("x", "y", "z");
        composite("xy", List.of(entry("x")), List.of(entry("y")));

        List<List<OrderEntry>> expanded = expand(List.of(List.of(entry("xy")), List.of(entry("z"))));

        assertThat(expanded).containsExactly(List.of(entry("x")), List.of(entry("y")), List.of(entry("z")));
    }

    @Test
    void expandReplacesNestedCompositesDepthFirst() {
        component("jdk", "maven", "gradle", "procfile");
        composite("build-tool", List.of(entry("maven")), List.of(entry("gradle")));
        composite("java", List.of(entry("jdk"), entry("build-tool")));

        List<List<OrderEntry>> expanded = expand(List.of(List.of(entry("java"), optional("procfile"))));

        assertThat(expanded).containsExactly(
                List.of(entry("jdk"), entry("maven"), optional("procfile")),
                List.of(entry("jdk"), entry("gradle"), optional("procfile")));
    }

    @Test
    void expandWhenACompositeIsOptionalMakesEachOfItsMembersOptional() {
        component("node", "npm", "procfile");
        composite("nodejs", List.of(entry("node"), optional("npm")));

        List<List<OrderEntry>> expanded = expand(List.of(List.of(optional("nodejs"), entry("procfile"))));

        assertThat(expanded).containsExactly(List.of(optional("node"), optional("npm"), entry("procfile")));
    }

    @Test
    void expandWhenACompositeIsRequiredKeepsItsMembersOwnOptionalFlags() {
        component("node", "npm");
        composite("nodejs", List.of(entry("node"), optional("npm")));

        assertThat(expand(List.of(List.of(entry("nodejs")))))
                .containsExactly(List.of(entry("node"), optional("npm")));
    }

    @Test
    void expandWhenAnOptionalCompositeIsNestedMakesTheInnerMembersOptional() {
        component("jdk", "maven");
        composite("build-tool", List.of(entry("maven")));
        composite("java", List.of(entry("jdk"), entry("build-tool")));

        assertThat(expand(List.of(List.of(optional("java")))))
                .containsExactly(List.of(optional("jdk"), optional("maven")));
    }

    @Test
    void expandWhenAnIdIsUnknownRefusesNamingIt() {
        component("a");

        assertThatThrownBy(() -> expand(List.of(List.of(entry("a"), entry("missing/buildpack")))))
                .isInstanceOf(BuildFailedException.class)
                .hasMessageContaining("'missing/buildpack'")
                .satisfies(e -> assertThat(((BuildFailedException) e).phase()).isEqualTo("detect"));
    }

    @Test
    void expandWhenACompositeNamesAnUnknownIdRefusesNamingIt() {
        component("node");
        composite("nodejs", List.of(entry("node"), entry("ghost")));

        assertThatThrownBy(() -> expand(List.of(List.of(entry("nodejs")))))
                .isInstanceOf(BuildFailedException.class)
                .hasMessageContaining("'ghost'");
    }
}
