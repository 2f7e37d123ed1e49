package io.slipway.core.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.slipway.core.AppName;
import io.slipway.core.InvalidInputException;
import io.slipway.core.store.Apps;
import io.slipway.core.store.Database;
import io.slipway.core.store.Members;
import io.slipway.core.store.Users;
import io.slipway.core.store.Users.Role;
import io.slipway.core.store.Users.User;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AccessTest {

    @TempDir
    Path dir;

    Database db;
    Apps apps;
    Users users;
    Members members;
    Access access;
    User admin;
    User agent;
    User carol;
    User bob;
    final AppName carolsApp = AppName.of("carols-app");

    @BeforeEach
    void accounts() {
        db = Database.open(dir.resolve("state.db"));
        apps = new Apps(db);
        users = new Users(db);
        members = new Members(db);
        access = new Access(apps, users, members);
        users.create("root", Role.ADMIN, "", "");
        users.create("agent1", Role.AGENT, "", "agent1.example");
        users.create("carol", Role.USER, "agent1", "");
        users.create("bob", Role.USER, "", "");
        admin = users.find("root").orElseThrow();
        agent = users.find("agent1").orElseThrow();
        carol = users.find("carol").orElseThrow();
        bob = users.find("bob").orElseThrow();
        apps.createIfAbsent(carolsApp, "carol");
    }

    @AfterEach
    void close() {
        db.close();
    }

    @Test
    void ownerAgentOfTheOwnerAndAdminHoldEveryRight() {
        for (User user : new User[] {carol, agent, admin}) {
            for (Right right : Right.values()) {
                assertThat(access.require(user, carolsApp, right).name()).isEqualTo(carolsApp);
            }
        }
    }

    @Test
    void requireWhenUserHasNoRelationRefusesNamingTheRight() {
        assertThatThrownBy(() -> access.require(bob, carolsApp, Right.READ))
                .isInstanceOf(AccessDeniedException.class)
                .hasMessageContaining("user bob may not read app carols-app")
                .hasMessageContaining("read right");
    }

    @Test
    void collaboratorMayReadAndDeployButNotOwn() {
        members.add(carolsApp, "bob");

        assertThat(access.can(bob, apps.find(carolsApp).orElseThrow(), Right.READ)).isTrue();
        assertThat(access.can(bob, apps.find(carolsApp).orElseThrow(), Right.DEPLOY)).isTrue();
        assertThatThrownBy(() -> access.require(bob, carolsApp, Right.OWN)).hasMessageContaining("owner right");
    }

    @Test
    void requireWhenAppDoesNotExistSaysSo() {
        assertThatThrownBy(() -> access.require(admin, AppName.of("nothing"), Right.READ))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("does not exist");
    }

    @Test
    void agentManagesItsOwnUsersOnly() {
        assertThat(access.manages(agent, "carol")).isTrue();
        assertThat(access.manages(agent, "agent1")).isTrue();
        assertThat(access.manages(agent, "bob")).isFalse();
        assertThat(access.manages(carol, "bob")).isFalse();
        assertThat(access.manages(admin, "bob")).isTrue();
        assertThatThrownBy(() -> access.requireManages(agent, "bob")).isInstanceOf(AccessDeniedException.class);
    }

    @Test
    void visibleListsWhatTheUserMayRead() {
        apps.createIfAbsent(AppName.of("bobs-app"), "bob");

        assertThat(access.visible(bob)).extracting(a -> a.name().value()).containsExactly("bobs-app");
        assertThat(access.visible(agent)).extracting(a -> a.name().value()).containsExactly("carols-app");
        assertThat(access.visible(admin)).hasSize(2);
    }

    @Test
    void requireAdminRefusesOthers() {
        access.requireAdmin(admin, "list agents");
        assertThatThrownBy(() -> access.requireAdmin(agent, "list agents")).hasMessageContaining("admin role");
    }
}
