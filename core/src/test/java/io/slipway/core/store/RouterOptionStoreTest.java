package io.slipway.core.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.slipway.core.AppName;
import io.slipway.core.InvalidInputException;
import io.slipway.core.RouterOption;
import io.slipway.core.RouterOptions;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RouterOptionStoreTest {

    private static final AppName HELLO = AppName.of("hello");

    @TempDir
    Path dir;

    @Test
    void setWhenReopenedKeepsTheOptionsAndAnEmptyValueGoesBackToTheDefault() {
        Path file = dir.resolve("state.db");
        try (Database db = Database.open(file)) {
            new Users(db).addKey("alice", Users.Role.ADMIN, "laptop", "SHA256:alice", "ssh-ed25519 AAAA alice");
            new Apps(db).createIfAbsent(HELLO, "alice");
            RouterOptionStore store = new RouterOptionStore(db);
            store.set(HELLO, RouterOption.MAX_BODY_SIZE, "10M");
            store.set(HELLO, RouterOption.BALANCING, "round-robin");
            RouterOptions options = store.set(HELLO, RouterOption.BALANCING, "least-outstanding");
            assertThat(options.value(RouterOption.BALANCING)).isEqualTo("least-outstanding");
            store.set(HELLO, RouterOption.REDIRECT_TO_HTTPS, "true");
            assertThat(store.set(HELLO, RouterOption.REDIRECT_TO_HTTPS, "").isDefault(RouterOption.REDIRECT_TO_HTTPS))
                    .isTrue();
        }
        try (Database db = Database.open(file)) {
            RouterOptionStore store = new RouterOptionStore(db);
            assertThat(store.all()).containsOnlyKeys(HELLO);
            assertThat(store.of(HELLO).chosen()).containsOnly(
                    java.util.Map.entry(RouterOption.MAX_BODY_SIZE, "10m"),
                    java.util.Map.entry(RouterOption.BALANCING, "least-outstanding"));
        }
    }

    @Test
    void setWhenValueIsInvalidChangesNothing() {
        try (Database db = Database.open(dir.resolve("state.db"))) {
            new Users(db).addKey("alice", Users.Role.ADMIN, "laptop", "SHA256:alice", "ssh-ed25519 AAAA alice");
            new Apps(db).createIfAbsent(HELLO, "alice");
            RouterOptionStore store = new RouterOptionStore(db);
            assertThatThrownBy(() -> store.set(HELLO, RouterOption.FIRST_BYTE_TIMEOUT, "forever"))
                    .isInstanceOf(InvalidInputException.class);
            assertThat(store.of(HELLO)).isEqualTo(RouterOptions.DEFAULTS);
        }
    }

    @Test
    void deleteOfTheAppForgetsItsOptions() {
        try (Database db = Database.open(dir.resolve("state.db"))) {
            new Users(db).addKey("alice", Users.Role.ADMIN, "laptop", "SHA256:alice", "ssh-ed25519 AAAA alice");
            Apps apps = new Apps(db);
            apps.createIfAbsent(HELLO, "alice");
            RouterOptionStore store = new RouterOptionStore(db);
            store.set(HELLO, RouterOption.BALANCING, "round-robin");
            apps.delete(HELLO);
            assertThat(store.all()).isEmpty();
        }
    }
}
