package io.slipway.router;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.slipway.core.AppName;
import io.slipway.core.Endpoint;
import io.slipway.core.InvalidInputException;
import io.slipway.core.event.AppCreated;
import io.slipway.core.event.AppRemoved;
import io.slipway.core.event.DomainsChanged;
import io.slipway.core.event.EventBus;
import io.slipway.core.event.RoutesChanged;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RouteTableTest {

    private static final AppName HELLO = AppName.of("hello");
    private static final Endpoint WEB_1 = new Endpoint("web.1", "127.0.0.1", 40001);
    private static final Endpoint WEB_2 = new Endpoint("web.2", "127.0.0.1", 40002);
    private static final Endpoint WEB_3 = new Endpoint("web.3", "127.0.0.1", 40003);

    private RouteTable table;

    @BeforeEach
    void setUp() {
        table = new RouteTable("apps.example.com");
        table.addApp(HELLO);
    }

    @ParameterizedTest
    @ValueSource(strings = {"hello.apps.example.com", "HELLO.Apps.Example.COM", "hello.apps.example.com."})
    void resolveWhenHostNamesAnAppReturnsIt(String host) {
        assertThat(table.resolve(host)).contains(HELLO);
    }

    @Test
    void resolveWhenDomainIsConfiguredInUpperCaseStillMatches() {
        RouteTable upper = new RouteTable("Apps.Example.COM");
        upper.addApp(HELLO);

        assertThat(upper.resolve("hello.apps.example.com")).contains(HELLO);
    }

    @ParameterizedTest
    @ValueSource(strings = {"hello.example.com", "hello.apps.example.org", "apps.example.com", ".apps.example.com",
            "helloapps.example.com", "a.hello.apps.example.com", "../hello.apps.example.com", "hello",
            "hello.apps.example.com..", ""})
    void resolveWhenHostIsNotOneOfOursIsEmpty(String host) {
        assertThat(table.resolve(host)).isEmpty();
    }

    @Test
    void resolveWhenHostIsNullIsEmpty() {
        assertThat(table.resolve(null)).isEmpty();
    }

    @Test
    void resolveWhenAppWasNotAddedIsEmpty() {
        assertThat(table.resolve("other.apps.example.com")).isEmpty();
    }

    @Test
    void resolveWhenLabelIsReservedIsEmpty() {
        assertThat(table.resolve("admin.apps.example.com")).isEmpty();
    }

    @Test
    void resolveWhenAppOnlyHasEndpointsReturnsIt() {
        AppName other = AppName.of("other");
        table.setEndpoints(other, List.of(WEB_1));

        assertThat(table.resolve("other.apps.example.com")).contains(other);
    }

    @Test
    void pickWhenAppHasNoEndpointsIsEmpty() {
        assertThat(table.pick(HELLO)).isEmpty();
        assertThat(table.pick(AppName.of("unknown"))).isEmpty();
    }

    @Test
    void pickWhenBalancingIsRoundRobinTakesEachEndpointInTurn() {
        table.setBalancing(HELLO, Balancing.ROUND_ROBIN);
        table.setEndpoints(HELLO, List.of(WEB_1, WEB_2, WEB_3));

        List<Endpoint> picked = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            picked.add(table.pick(HELLO).orElseThrow());
        }

        assertThat(picked).containsExactly(WEB_1, WEB_2, WEB_3, WEB_1, WEB_2, WEB_3, WEB_1);
    }

    @Test
    void setOptionsWhenRoundRobinIsChosenAndThenDroppedGoesBackToTwoRandomChoices() {
        table.setOptions(HELLO, io.slipway.core.RouterOptions.DEFAULTS
                .with(io.slipway.core.RouterOption.BALANCING, "round-robin"));
        table.setEndpoints(HELLO, List.of(WEB_1, WEB_2, WEB_3));
        List<Endpoint> picked = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            picked.add(table.pick(HELLO).orElseThrow());
        }
        assertThat(picked).containsExactly(WEB_1, WEB_2, WEB_3, WEB_1);

        table.setOptions(HELLO, io.slipway.core.RouterOptions.DEFAULTS);
        List<Endpoint> random = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            random.add(table.pick(HELLO).orElseThrow());
        }
        assertThat(random).as("not the round-robin cycle any more")
                .isNotEqualTo(java.util.stream.IntStream.range(0, 60).mapToObj(i -> List.of(WEB_2, WEB_3, WEB_1).get(i % 3)).toList());
    }

    @Test
    void pickWithOneEndpointAlwaysReturnsIt() {
        table.setEndpoints(HELLO, List.of(WEB_1));

        assertThat(List.of(table.pick(HELLO), table.pick(HELLO), table.pick(HELLO)))
                .containsOnly(Optional.of(WEB_1));
    }

    @Test
    void pickWhenEndpointsShrinkStaysInRange() {
        table.setEndpoints(HELLO, List.of(WEB_1, WEB_2, WEB_3));
        table.pick(HELLO);
        table.pick(HELLO);

        table.setEndpoints(HELLO, List.of(WEB_3));

        assertThat(table.pick(HELLO)).contains(WEB_3);
    }

    @Test
    void pickWhenEndpointsAreClearedIsEmptyButAppStillResolves() {
        table.setEndpoints(HELLO, List.of(WEB_1));
        table.setEndpoints(HELLO, List.of());

        assertThat(table.pick(HELLO)).isEmpty();
        assertThat(table.resolve("hello.apps.example.com")).contains(HELLO);
    }

    @Test
    void setEndpointsCopiesTheList() {
        List<Endpoint> live = new ArrayList<>(List.of(WEB_1));
        table.setEndpoints(HELLO, live);
        live.clear();

        assertThat(table.pick(HELLO)).contains(WEB_1);
    }

    @Test
    void addAppWhenAppHasEndpointsKeepsThem() {
        table.setEndpoints(HELLO, List.of(WEB_1));

        table.addApp(HELLO);

        assertThat(table.pick(HELLO)).contains(WEB_1);
    }

    @Test
    void listenToFollowsTheEventBus() {
        EventBus events = new EventBus();
        RouteTable followed = new RouteTable("apps.example.com").listenTo(events);
        AppName app = AppName.of("fresh");

        events.publish(new AppCreated(app));
        assertThat(followed.resolve("fresh.apps.example.com")).contains(app);
        assertThat(followed.pick(app)).isEmpty();

        events.publish(new RoutesChanged(app, List.of(WEB_2)));
        assertThat(followed.pick(app)).contains(WEB_2);
    }

    @Test
    void resolveWhenHostIsACustomDomainReturnsItsApp() {
        table.addDomain(HELLO, "WWW.Example.org.");

        assertThat(table.resolve("www.example.org")).contains(HELLO);
        assertThat(table.resolve("WWW.EXAMPLE.ORG:8443")).contains(HELLO);
        assertThat(table.resolve("example.org")).isEmpty();
        assertThat(table.domains(HELLO)).containsExactly("www.example.org");
    }

    @Test
    void resolveWhenHostIsUnderAWildcardReturnsItsApp() {
        table.addDomain(HELLO, "*.agent.example");

        assertThat(table.resolve("shop.agent.example")).contains(HELLO);
        assertThat(table.resolve("a.b.agent.example")).contains(HELLO);
        assertThat(table.resolve("agent.example")).isEmpty();
    }

    @Test
    void resolvePrefersExactNamesThenTheLongestWildcard() {
        AppName shop = AppName.of("shop");
        AppName deep = AppName.of("deep");
        table.addDomain(HELLO, "*.agent.example");
        table.addDomain(deep, "*.eu.agent.example");
        table.addDomain(shop, "shop.eu.agent.example");

        assertThat(table.resolve("shop.eu.agent.example")).contains(shop);
        assertThat(table.resolve("other.eu.agent.example")).contains(deep);
        assertThat(table.resolve("other.us.agent.example")).contains(HELLO);
    }

    @Test
    void removeDomainStopsRoutingIt() {
        table.addDomain(HELLO, "www.example.org");

        assertThat(table.removeDomain(HELLO, "www.example.org")).isTrue();
        assertThat(table.removeDomain(HELLO, "www.example.org")).isFalse();
        assertThat(table.resolve("www.example.org")).isEmpty();
        assertThat(table.domains(HELLO)).isEmpty();
    }

    @Test
    void addDomainWhenAnotherAppHasItIsRefused() {
        table.addDomain(HELLO, "www.example.org");

        assertThatThrownBy(() -> table.addDomain(AppName.of("other"), "www.example.org"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("already used by app hello");
        assertThat(table.resolve("www.example.org")).contains(HELLO);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "localhost", "*.com", "exa mple.org", "-bad.example.org", "a..b.org", "*.*.example.org",
            "hello.apps.example.com", "*.apps.example.com", "apps.example.com", "HELLO.apps.example.com."})
    void addDomainWhenMalformedOrOnThePlatformDomainIsRefused(String domain) {
        assertThatThrownBy(() -> table.addDomain(HELLO, domain)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("invalid domain");
    }

    @Test
    void removeAppForgetsItsNameAndDomains() {
        table.addDomain(HELLO, "www.example.org");
        table.setEndpoints(HELLO, List.of(WEB_1));

        table.removeApp(HELLO);

        assertThat(table.resolve("hello.apps.example.com")).isEmpty();
        assertThat(table.resolve("www.example.org")).isEmpty();
        assertThat(table.pick(HELLO)).isEmpty();
    }

    @Test
    void drainedWhenTheEndpointIsUnknownCompletesAtOnce() {
        assertThat(table.drained(WEB_3, Duration.ofMinutes(1))).isCompleted();
    }

    @Test
    void drainedWhenTheEndpointLeftWithNothingInFlightCompletesAtOnce() {
        table.setEndpoints(HELLO, List.of(WEB_1, WEB_2));
        table.setEndpoints(HELLO, List.of(WEB_2));

        assertThat(table.drained(WEB_1, Duration.ofMinutes(1))).isCompleted();
    }

    @Test
    void drainedWhenTheEndpointIsStillRoutedWaitsForMax() {
        table.setEndpoints(HELLO, List.of(WEB_1));

        CompletableFuture<Void> drained = table.drained(WEB_1, Duration.ofMillis(200));

        assertThat(drained).isNotDone();
        assertThat(drained).succeedsWithin(Duration.ofSeconds(5));
    }

    @Test
    void drainedWhenTheEndpointLeavesLaterCompletesThen() {
        table.setEndpoints(HELLO, List.of(WEB_1, WEB_2));
        CompletableFuture<Void> drained = table.drained(WEB_1, Duration.ofMinutes(1));

        table.setEndpoints(HELLO, List.of(WEB_2));

        assertThat(drained).isCompleted();
    }

    @Test
    void addDomainDeeperUnderThePlatformDomainIsAccepted() {
        table.addDomain(HELLO, "shop.agent.apps.example.com");
        table.addDomain(HELLO, "*.agent.apps.example.com");

        assertThat(table.resolve("shop.agent.apps.example.com")).contains(HELLO);
        assertThat(table.resolve("other.agent.apps.example.com")).contains(HELLO);
    }

    @Test
    void setDomainsReplacesTheSetAndReportsWhatItRefused() {
        AppName other = AppName.of("other");
        table.addDomain(other, "taken.example.org");
        table.addDomain(HELLO, "old.example.org");

        Map<String, String> refused = table.setDomains(HELLO, List.of("new.example.org", "*.wild.example.org",
                "taken.example.org", "not a domain"));

        assertThat(refused).containsOnlyKeys("taken.example.org", "not a domain");
        assertThat(refused.get("taken.example.org")).contains("other");
        assertThat(table.domains(HELLO)).containsExactly("new.example.org", "*.wild.example.org");
        assertThat(table.resolve("old.example.org")).isEmpty();
        assertThat(table.resolve("a.wild.example.org")).contains(HELLO);
        assertThat(table.resolve("taken.example.org")).contains(other);
    }

    @Test
    void listenToFollowsDomainsAndRemovals() {
        EventBus events = new EventBus();
        RouteTable followed = new RouteTable("apps.example.com").listenTo(events);
        AppName app = AppName.of("fresh");

        events.publish(new AppCreated(app));
        events.publish(new DomainsChanged(app, List.of("www.fresh.example")));
        assertThat(followed.resolve("www.fresh.example")).contains(app);

        events.publish(new AppRemoved(app));
        assertThat(followed.resolve("www.fresh.example")).isEmpty();
        assertThat(followed.resolve("fresh.apps.example.com")).isEmpty();
    }
}
