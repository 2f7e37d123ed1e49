package io.slipway.receiver.cli;

import io.slipway.core.InvalidInputException;
import io.slipway.core.access.AccessDeniedException;
import io.slipway.core.store.Users;
import io.slipway.core.store.Users.Role;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** users, users:create, users:info, users:destroy, whoami: admins manage everyone, agents their own users. */
final class UsersCommands {

    private UsersCommands() {
    }

    static Map<String, Object> describe(Context context, Users.User u) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", u.name());
        m.put("role", u.role().name().toLowerCase(Locale.ROOT));
        m.put("agent", u.agent());
        m.put("domain", u.domain());
        m.put("apps", context.services().apps().ownedBy(u.name()).stream().map(a -> a.name().value()).toList());
        m.put("keys", context.services().users().keys(u.name()).size());
        return m;
    }

    static String line(Map<String, Object> m) {
        return String.format("%-20s %-6s %-16s %s", m.get("name"), m.get("role"),
                m.get("agent").toString().isEmpty() ? "-" : "agent:" + m.get("agent"), m.get("apps"));
    }

    @Command(name = "users", description = "List the users you manage (admins: everyone; agents: their users).")
    static final class List_ implements Callable<Integer> {
        private final Context context;
        @Mixin
        Output output;

        List_(Context context) {
            this.context = context;
        }

        @Override
        public Integer call() {
            var users = context.services().users().list().stream()
                    .filter(u -> context.services().access().manages(context.user(), u.name()))
                    .map(u -> describe(context, u)).toList();
            output.print(context.caller(), users, users.stream().map(UsersCommands::line).toList());
            return 0;
        }
    }

    @Command(name = "users:create", description = "Create a user (admins: any role; agents: a user of theirs). Add a key with keys:add --user.")
    static final class Create implements Callable<Integer>, Mutating {
        private final Context context;
        @Mixin
        Output output;
        @Parameters(index = "0", paramLabel = "NAME", description = "The user's name.")
        String name;
        @Option(names = "--role", defaultValue = "user", paramLabel = "ROLE", description = "user (default) or admin; agents are made with agents:create.")
        String role;

        Create(Context context) {
            this.context = context;
        }

        @Override
        public Integer call() {
            Users.checkName("user", name);
            Users.User caller = context.user();
            Role r = switch (role.toLowerCase(Locale.ROOT)) {
                case "user" -> Role.USER;
                case "admin" -> Role.ADMIN;
                default -> throw new InvalidInputException("role '" + role + "' is not user or admin (agents: agents:create)");
            };
            if (caller.role() == Role.USER || (r == Role.ADMIN && !caller.isAdmin())) {
                throw new AccessDeniedException("user " + caller.name() + " may not create " + r.name().toLowerCase(Locale.ROOT)
                        + " accounts: that needs the admin role" + (r == Role.USER ? " or the agent role" : ""));
            }
            String agent = caller.role() == Role.AGENT ? caller.name() : "";
            context.services().users().create(name, r, agent, "");
            var created = describe(context, context.services().users().find(name).orElseThrow());
            output.print(context.caller(), created, List.of("Created " + r.name().toLowerCase(Locale.ROOT) + " " + name
                    + (agent.isEmpty() ? "" : " under agent " + agent) + "; add a key: keys:add NAME --user " + name + " < key.pub"));
            return 0;
        }
    }

    @Command(name = "users:info", description = "Show a user: role, agent, apps (agents: is_agent, site_list_user).")
    static final class Info implements Callable<Integer> {
        private final Context context;
        @Mixin
        Output output;
        @Parameters(index = "0", arity = "0..1", paramLabel = "NAME", description = "The user (default: you).")
        String name;

        Info(Context context) {
            this.context = context;
        }

        @Override
        public Integer call() {
            String target = name == null ? context.user().name() : name;
            Users.User user = context.services().access().requireManages(context.user(), target);
            var info = describe(context, user);
            output.print(context.caller(), info, info.entrySet().stream()
                    .map(e -> String.format("%-8s %s", e.getKey() + ":", e.getValue())).toList());
            return 0;
        }
    }

    @Command(name = "whoami", description = "Show who your key signs in as.")
    static final class Whoami implements Callable<Integer> {
        private final Context context;
        @Mixin
        Output output;

        Whoami(Context context) {
            this.context = context;
        }

        @Override
        public Integer call() {
            var info = describe(context, context.user());
            output.print(context.caller(), info, List.of(line(info)));
            return 0;
        }
    }

    @Command(name = "users:destroy", description = "Delete a user and their keys (they must own no apps).")
    static final class Destroy implements Callable<Integer>, Mutating {
        private final Context context;
        @Mixin
        Output output;
        @Parameters(index = "0", paramLabel = "NAME", description = "The user.")
        String name;
        @Option(names = "--confirm", paramLabel = "NAME", description = "The user's name again.")
        String confirm;

        Destroy(Context context) {
            this.context = context;
        }

        @Override
        public Integer call() {
            Users.User user = context.services().access().requireManages(context.user(), name);
            if (user.name().equals(context.user().name())) {
                throw new InvalidInputException("you cannot delete yourself; ask another admin");
            }
            Context.confirm(name, confirm, "users:destroy");
            destroy(context, user);
            output.print(context.caller(), Map.of("name", name, "destroyed", true), List.of("Deleted user " + name));
            return 0;
        }
    }

    static void destroy(Context context, Users.User user) {
        var owned = context.services().apps().ownedBy(user.name());
        if (!owned.isEmpty()) {
            throw new InvalidInputException(user.name() + " owns " + String.join(", ", owned.stream()
                    .map(a -> a.name().value()).toList()) + "; destroy those apps first");
        }
        boolean hasUsers = context.services().users().list().stream().anyMatch(u -> u.agent().equals(user.name()));
        if (hasUsers) {
            throw new InvalidInputException(user.name() + " still has users of its own; delete them first");
        }
        context.services().users().delete(user.name());
    }
}
