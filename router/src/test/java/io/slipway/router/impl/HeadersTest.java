package io.slipway.router.impl;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.MultiMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HeadersTest {

    @ParameterizedTest
    @ValueSource(strings = {"Connection", "keep-alive", "TE", "Trailer", "transfer-encoding", "Upgrade",
            "proxy-authorization", "Proxy-Authenticate", "proxy-connection", "expect", "HTTP2-Settings"})
    void hopByHopWhenNamedInRfc9110IsTrue(String name) {
        assertThat(Headers.hopByHop(name)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"Host", "Content-Length", "Cookie", "X-Forwarded-For", "Authorization", "tee", ""})
    void hopByHopWhenEndToEndIsFalse(String name) {
        assertThat(Headers.hopByHop(name)).isFalse();
    }

    @Test
    void cookieIsFoundByItsExactNameAmongOthers() {
        assertThat(Headers.cookie("a=1; slipway-affinity=0f3c; b=2", "slipway-affinity")).isEqualTo("0f3c");
        assertThat(Headers.cookie("slipway-affinity = \"0f3c\" ", "slipway-affinity")).isEqualTo("0f3c");
        assertThat(Headers.cookie("x-slipway-affinity=1;slipway-affinity=2", "slipway-affinity")).isEqualTo("2");
        assertThat(Headers.cookie("other=slipway-affinity=3; flag", "slipway-affinity")).isNull();
        assertThat(Headers.cookie(";;", "slipway-affinity")).isNull();
        assertThat(Headers.cookie(null, "slipway-affinity")).isNull();
    }

    @Test
    void connectionTokensAreFoundWhateverTheirSpacingAndCase() {
        assertThat(Headers.hasToken("keep-alive, Close", "close")).isTrue();
        assertThat(Headers.hasToken("closed", "close")).isFalse();
        assertThat(Headers.namesHeaders("keep-alive")).isFalse();
        assertThat(Headers.namesHeaders(" close ,Upgrade")).isFalse();
        assertThat(Headers.namesHeaders("close, X-Secret")).isTrue();
    }

    @Test
    void requestHeadReadsWhatTheRouterActsOnInOnePass() {
        MultiMap headers = MultiMap.caseInsensitiveMultiMap()
                .add("X-Request-Id", "abc").add("content-length", " 12 ").add("Connection", "X-A")
                .add("connection", "close").add("X-Forwarded-For", "10.0.0.1").add("x-forwarded-for", "10.0.0.2");

        RequestHead head = RequestHead.read(headers);

        assertThat(head.requestId).isEqualTo("abc");
        assertThat(head.declaredLength()).isEqualTo(12);
        assertThat(head.listsClose()).isTrue();
        assertThat(head.namesHeaders()).isTrue();
        assertThat(head.forwardedFor).isEqualTo("10.0.0.1, 10.0.0.2");
    }

    @ParameterizedTest
    @ValueSource(strings = {"abc-123", "trace.id:9/x=+_", "a"})
    void saneRequestIdsAreKept(String id) {
        assertThat(Headers.requestId(id)).isEqualTo(id);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "has space", "<script>", "é"})
    void otherRequestIdsAreReplacedByAUuid(String id) {
        assertThat(Headers.requestId(id)).matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
    }

    @Test
    void requestIdOver200CharactersIsReplaced() {
        assertThat(Headers.requestId("a".repeat(201))).hasSize(36);
        assertThat(Headers.requestId(null)).hasSize(36);
    }
}
