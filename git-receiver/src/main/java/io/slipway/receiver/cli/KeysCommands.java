package io.slipway.receiver.cli;

import io.slipway.core.InvalidInputException;
import io.slipway.core.store.Users;
import io.slipway.receiver.PublicKeys;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** keys, keys:add (the key on stdin), keys:remove: your own keys, or a managed user's with --user. */
final class KeysCommands {

    private static final int MAX_KEY = 16 * 1024;

    private KeysCommands() {
    }

    static String owner(Context context, String user) {
        String target = user == null ? context.user().name() : Users.checkName("user", user);
        context.services().access().requireManages(context.user(), target);
        return target;
    }

    @Command(name = "keys", description = "List SSH keys (yours, or --user USER's).")
    static final class List_ implements Callable<Integer> {
        private final Context context;
        @Mixin
        Output output;
        @Option(names = "--user", paramLabel = "USER", description = "A user you manage.")
        String user;

        List_(Context context) {
            this.context = context;
        }

        @Override
        public Integer call() {
            List<Users.Key> keys = context.services().users().keys(owner(context, user));
            output.print(context.caller(), keys.stream().map(k -> Map.of("name", k.name(), "user", k.user(),
                    "fingerprint", k.fingerprint(), "created_at", k.createdAt().toString())).toList(),
                    keys.stream().map(k -> String.format("%-20s %s", k.name(), k.fingerprint())).toList());
            return 0;
        }
    }

    @Command(name = "keys:add", description = "Add an SSH public key, read from stdin: ssh ... keys:add NAME < key.pub")
    static final class Add implements Callable<Integer>, Mutating {
        private final Context context;
        @Mixin
        Output output;
        @Parameters(index = "0", paramLabel = "NAME", description = "A name for the key.")
        String name;
        @Option(names = "--user", paramLabel = "USER", description = "Add it for a user you manage.")
        String user;

        Add(Context context) {
            this.context = context;
        }

        @Override
        public Integer call() throws IOException {
            String target = owner(context, user);
            Users.checkName("key", name);
            byte[] input = context.caller().in().readNBytes(MAX_KEY + 1);
            if (input.length > MAX_KEY) {
                throw new InvalidInputException("the key on stdin is longer than " + MAX_KEY + " bytes; pass one public key line");
            }
            List<String> lines = new String(input, StandardCharsets.UTF_8).lines()
                    .filter(l -> !l.isBlank() && !l.startsWith("#")).toList();
            if (lines.size() != 1) {
                throw new InvalidInputException("pass exactly one public key line on stdin (got " + lines.size()
                        + "): ssh ... keys:add " + name + " < ~/.ssh/id_ed25519.pub");
            }
            PublicKeys.ParsedKey key = PublicKeys.parse(lines.get(0));
            context.services().users().addKey(target, name, key.fingerprint(), key.openSsh());
            output.print(context.caller(), Map.of("name", name, "user", target, "fingerprint", key.fingerprint()),
                    List.of("Added key " + name + " (" + key.fingerprint() + ") for " + target));
            return 0;
        }
    }

    @Command(name = "keys:remove", description = "Remove an SSH key by name.")
    static final class Remove implements Callable<Integer>, Mutating {
        private final Context context;
        @Mixin
        Output output;
        @Parameters(index = "0", paramLabel = "NAME", description = "The key's name.")
        String name;
        @Option(names = "--user", paramLabel = "USER", description = "A user you manage.")
        String user;

        Remove(Context context) {
            this.context = context;
        }

        @Override
        public Integer call() {
            String target = owner(context, user);
            if (!context.services().users().removeKey(target, name)) {
                throw new InvalidInputException(target + " has no key named " + name + "; run 'keys'");
            }
            output.print(context.caller(), Map.of("name", name, "user", target, "removed", true),
                    List.of("Removed key " + name + " of " + target));
            return 0;
        }
    }
}
