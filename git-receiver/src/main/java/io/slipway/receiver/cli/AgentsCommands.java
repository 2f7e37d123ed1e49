package io.slipway.receiver.cli;

import io.slipway.core.InvalidInputException;
import io.slipway.core.store.Domains;
import io.slipway.core.store.Users;
import io.slipway.core.store.Users.Role;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * Agents (resellers): each owns a domain; the users it creates and their apps are its own, and
 * those apps answer at {@code APP.DOMAIN}. ECAE's agent_list and is_agent as agents and agents:info.
 */
final class AgentsCommands {

    private AgentsCommands() {
    }

    @Command(name = "agents", description = "List agents and their domains (admins).")
    static final class List_ implements Callable<Integer> {
        private final Context context;
        @Mixin
        Output output;

        List_(Context context) {
            this.context = context;
        }

        @Override
        public Integer call() {
            context.services().access().requireAdmin(context.user(), "list agents");
            var agents = context.services().users().list().stream().filter(u -> u.role() == Role.AGENT)
                    .map(u -> UsersCommands.describe(context, u)).toList();
            output.print(context.caller(), agents, agents.stream()
                    .map(a -> String.format("%-20s %s", a.get("name"), a.get("domain"))).toList());
            return 0;
        }
    }

    @Command(name = "agents:create", description = "Create an agent that owns a domain (admins).")
    static final class Create implements Callable<Integer>, Mutating {
        private final Context context;
        @Mixin
        Output output;
        @Parameters(index = "0", paramLabel = "NAME", description = "The agent's user name.")
        String name;
        @Option(names = "--domain", required = true, paramLabel = "DOMAIN", description = "Its domain, e.g. agent1.example.")
        String domain;

        Create(Context context) {
            this.context = context;
        }

        @Override
        public Integer call() {
            context.services().access().requireAdmin(context.user(), "create agents");
            Users.checkName("agent", name);
            String d = Domains.check(domain.startsWith("*.") ? domain.substring(2) : domain);
            if (context.services().users().findAgentByDomain(d).isPresent()) {
                throw new InvalidInputException("domain " + d + " already belongs to another agent");
            }
            context.services().users().create(name, Role.AGENT, "", d);
            output.print(context.caller(), UsersCommands.describe(context, context.services().users().find(name).orElseThrow()),
                    List.of("Created agent " + name + " for *." + d + "; add its key: keys:add NAME --user " + name + " < key.pub"));
            return 0;
        }
    }

    @Command(name = "agents:info", description = "Show an agent (is_agent): its domain, users and apps.")
    static final class Info implements Callable<Integer> {
        private final Context context;
        @Mixin
        Output output;
        @Parameters(index = "0", paramLabel = "NAME", description = "The agent.")
        String name;

        Info(Context context) {
            this.context = context;
        }

        @Override
        public Integer call() {
            Users.User agent = context.services().access().requireManages(context.user(), name);
            var info = UsersCommands.describe(context, agent);
            info.put("is_agent", agent.role() == Role.AGENT);
            info.put("users", context.services().users().list().stream().filter(u -> u.agent().equals(agent.name()))
                    .map(Users.User::name).toList());
            output.print(context.caller(), info, info.entrySet().stream()
                    .map(e -> String.format("%-9s %s", e.getKey() + ":", e.getValue())).toList());
            return 0;
        }
    }

    @Command(name = "agents:destroy", description = "Delete an agent (admins; it must have no users or apps left).")
    static final class Destroy implements Callable<Integer>, Mutating {
        private final Context context;
        @Mixin
        Output output;
        @Parameters(index = "0", paramLabel = "NAME", description = "The agent.")
        String name;
        @Option(names = "--confirm", paramLabel = "NAME", description = "The agent's name again.")
        String confirm;

        Destroy(Context context) {
            this.context = context;
        }

        @Override
        public Integer call() {
            context.services().access().requireAdmin(context.user(), "delete agents");
            Users.User agent = context.services().users().find(name).filter(u -> u.role() == Role.AGENT)
                    .orElseThrow(() -> new InvalidInputException("no agent named " + name + "; run 'agents'"));
            Context.confirm(name, confirm, "agents:destroy");
            UsersCommands.destroy(context, agent);
            output.print(context.caller(), Map.of("name", name, "destroyed", true), List.of("Deleted agent " + name));
            return 0;
        }
    }
}
