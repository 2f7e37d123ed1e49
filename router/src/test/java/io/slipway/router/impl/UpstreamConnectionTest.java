package io.slipway.router.impl;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.Test;

class UpstreamConnectionTest {

    @Test
    void aConnectionStoppedForASlowClientReadsAgainOnceItChangesHands() {
        EmbeddedChannel channel = new EmbeddedChannel();
        UpstreamConnection connection = new UpstreamConnection(channel, null);

        // The response ended while its client could not keep up: the connection goes back idle stopped.
        connection.reading(false);
        assertThat(channel.config().isAutoRead()).isFalse();
        connection.listener(null);
        assertThat(channel.config().isAutoRead()).as("idle: reads the instance closing it").isTrue();

        connection.reading(false);
        connection.listener(null);
        connection.reading(true);
        connection.listener(null);
        assertThat(channel.config().isAutoRead()).isTrue();
        channel.finishAndReleaseAll();
    }
}
