package io.slipway.receiver;

import static org.assertj.core.api.Assertions.assertThat;

import io.slipway.core.AppName;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class AppLocksTest {

    private final AppLocks locks = new AppLocks();

    @Test
    void acquireWhenAppIsBusyWaitsAndSaysSo() throws Exception {
        List<String> second = new CopyOnWriteArrayList<>();
        CountDownLatch waiting = new CountDownLatch(1);
        CompletableFuture<Void> deploy;
        try (AutoCloseable first = locks.acquire(AppName.of("shop"), line -> { })) {
            deploy = CompletableFuture.runAsync(() -> {
                try (AutoCloseable lock = locks.acquire(AppName.of("shop"), line -> {
                    second.add(line);
                    waiting.countDown();
                })) {
                    second.add("deploying");
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            assertThat(waiting.await(5, TimeUnit.SECONDS)).isTrue();
            Thread.sleep(100);
            assertThat(second).containsExactly("-----> Waiting for another deploy of shop to finish");
        }
        deploy.get(5, TimeUnit.SECONDS);
        assertThat(second).endsWith("deploying");
    }

    @Test
    void acquireWhenAnotherAppIsBusyDoesNotWait() throws Exception {
        List<String> said = new CopyOnWriteArrayList<>();
        try (AutoCloseable shop = locks.acquire(AppName.of("shop"), line -> { })) {
            CompletableFuture.runAsync(() -> {
                try (AutoCloseable blog = locks.acquire(AppName.of("blog"), said::add)) {
                    said.add("deploying");
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }).get(5, TimeUnit.SECONDS);
        }
        assertThat(said).containsExactly("deploying");
    }
}
