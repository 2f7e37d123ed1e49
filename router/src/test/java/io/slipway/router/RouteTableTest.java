package io.slipway.router;

import static org.assertj.core.api.Assertions.assertThat;

import io.slipway.core.AppName;
import io.slipway.core.Endpoint;
import io.slipway.core.event.AppCreated;
import io.slipway.core.event.EventBus;
import io.slipway.core.event.RoutesChanged;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
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
    void pickRoundRobinsOverTheEndpoints() {
        table.setEndpoints(HELLO, List.of(WEB_1, WEB_2, WEB_3));

        List<Endpoint> picked = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            picked.add(table.pick(HELLO).orElseThrow());
        }

        assertThat(picked).containsExactly(WEB_1, WEB_2, WEB_3, WEB_1, WEB_2, WEB_3, WEB_1);
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
}
