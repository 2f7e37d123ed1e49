package io.slipway.core.access;

import io.slipway.core.AppName;
import io.slipway.core.InvalidInputException;
import io.slipway.core.store.Apps;
import io.slipway.core.store.Members;
import io.slipway.core.store.Users;
import io.slipway.core.store.Users.Role;
import io.slipway.core.store.Users.User;
import java.util.List;

/**
 * Who may do what. Admins may do everything. An agent (a reseller) acts on its own users and
 * their apps. A user owns the apps they created and holds read and deploy on apps shared with
 * them. Every path (git, commands, logs, run) asks here.
 */
public final class Access {

    private final Apps apps;
    private final Users users;
    private final Members members;

    public Access(Apps apps, Users users, Members members) {
        this.apps = apps;
        this.users = users;
        this.members = members;
    }

    /** @throws AccessDeniedException naming the missing right; {@link InvalidInputException} when the app does not exist */
    public Apps.App require(User user, AppName app, Right right) {
        Apps.App found = apps.find(app).orElseThrow(() -> new InvalidInputException(
                "app " + app + " does not exist; run apps:list"));
        if (!can(user, found, right)) {
            throw new AccessDeniedException("user " + user.name() + " may not " + verb(right) + " app " + app
                    + ": that needs the " + right.label() + " right, which " + right.holders() + " holds");
        }
        return found;
    }

    public boolean can(User user, Apps.App app, Right right) {
        if (user.isAdmin() || app.owner().equals(user.name()) || manages(user, app.owner())) {
            return true;
        }
        return right != Right.OWN && members.isMember(app.name(), user.name());
    }

    /** Whether {@code actor} manages the account {@code target}: an admin, the account itself, or its agent. */
    public boolean manages(User actor, String target) {
        if (actor.isAdmin() || actor.name().equals(target)) {
            return true;
        }
        return actor.role() == Role.AGENT && users.find(target).map(u -> u.agent().equals(actor.name())).orElse(false);
    }

    /** @throws AccessDeniedException unless {@code actor} manages {@code target} */
    public User requireManages(User actor, String target) {
        User found = users.find(target).orElseThrow(() -> new InvalidInputException("user " + target + " does not exist"));
        if (!manages(actor, target)) {
            throw new AccessDeniedException("user " + actor.name() + " may not manage user " + target
                    + ": only an admin or the user's agent may");
        }
        return found;
    }

    /** @throws AccessDeniedException unless {@code user} is an admin */
    public void requireAdmin(User user, String what) {
        if (!user.isAdmin()) {
            throw new AccessDeniedException("user " + user.name() + " may not " + what + ": that needs the admin role");
        }
    }

    /** The apps {@code user} may read, by name. */
    public List<Apps.App> visible(User user) {
        return apps.list().stream().filter(a -> can(user, a, Right.READ)).toList();
    }

    private static String verb(Right right) {
        return switch (right) {
            case READ -> "read";
            case DEPLOY -> "deploy or change";
            case OWN -> "destroy or share";
        };
    }
}
