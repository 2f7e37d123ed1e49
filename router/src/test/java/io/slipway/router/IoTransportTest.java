package io.slipway.router;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.Vertx;
import io.vertx.core.internal.VertxInternal;
import org.junit.jupiter.api.Test;

class IoTransportTest {

    @Test
    void namesAreReadAsUsersWriteThem() {
        assertThat(IoTransport.parse("io_uring")).isEqualTo(IoTransport.IO_URING);
        assertThat(IoTransport.parse(" EPOLL ")).isEqualTo(IoTransport.EPOLL);
        assertThat(IoTransport.parse("Auto")).isEqualTo(IoTransport.AUTO);
        assertThat(IoTransport.NIO.label()).isEqualTo("nio");
        assertThatThrownBy(() -> IoTransport.parse("uring"))
                .hasMessage("unknown transport 'uring': use auto, io_uring, epoll or nio");
    }

    @Test
    void autoPrefersIoUringThenEpollThenNio() {
        IoTransport picked = IoTransport.AUTO.resolve();
        if (IoTransport.IO_URING.available()) {
            assertThat(picked).isEqualTo(IoTransport.IO_URING);
        } else if (IoTransport.EPOLL.available()) {
            assertThat(picked).isEqualTo(IoTransport.EPOLL);
        } else {
            assertThat(picked).isEqualTo(IoTransport.NIO);
        }
        assertThat(IoTransport.EPOLL.resolve()).isEqualTo(IoTransport.EPOLL);
    }

    @Test
    void theVertxRunsOnTheTransportChosen() {
        for (IoTransport choice : IoTransport.values()) {
            if (!choice.resolve().available()) {
                continue;
            }
            Vertx vertx = choice.vertx(1);
            try {
                String implementation = ((VertxInternal) vertx).transport().getClass().getSimpleName();
                String expected = switch (choice.resolve()) {
                    case IO_URING -> "IoUringTransport";
                    case EPOLL -> "EpollTransport";
                    default -> "NioTransport";
                };
                assertThat(implementation).as(choice.label()).isEqualTo(expected);
                assertThat(IoTransport.of(vertx)).isEqualTo(choice.resolve());
            } finally {
                vertx.close().await();
            }
        }
    }
}
