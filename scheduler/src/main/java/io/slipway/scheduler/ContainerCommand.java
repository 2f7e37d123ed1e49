package io.slipway.scheduler;

import com.github.dockerjava.api.command.CreateContainerCmd;
import com.github.dockerjava.api.model.ContainerConfig;
import java.util.ArrayList;
import java.util.List;

/**
 * What a container runs, and as whom. CNB images run processes through the launcher. Other images
 * (built from a Dockerfile) run a command through sh, handed to their own ENTRYPOINT when they have
 * one, as Dokku does (an entrypoint script that prepares the environment, then {@code exec "$@"}).
 */
final class ContainerCommand {

    /** Who runs an app's processes when its image names no one else: never root. */
    static final String APP_USER = "1000:1000";

    private ContainerCommand() {
    }

    /** {@code image}'s own user when it names one other than root (a Dockerfile's USER); else {@link #APP_USER}. */
    static String user(ContainerConfig image) {
        String user = image == null || image.getUser() == null ? "" : image.getUser().strip();
        String name = user.contains(":") ? user.substring(0, user.indexOf(':')) : user;
        return name.isEmpty() || name.equals("root") || name.equals("0") ? APP_USER : user;
    }

    /** {@code entrypoint}: the image has an ENTRYPOINT of its own. */
    static void apply(CreateContainerCmd create, InstanceSpec spec, boolean entrypoint) {
        boolean launcher = spec.release().manifest().launcher();
        List<String> command = spec.command();
        if (command.isEmpty()) {
            String processCommand = spec.release().processes().getOrDefault(spec.type(), "");
            if (launcher) {
                create.withCmd(spec.type());
            } else if (!processCommand.isEmpty()) {
                shell(create, processCommand, entrypoint);
            }
        } else if (launcher) {
            List<String> args = new ArrayList<>(List.of("--"));
            args.addAll(command);
            create.withCmd(args);
        } else if (command.size() == 1) {
            shell(create, command.get(0), entrypoint);
        } else if (entrypoint) {
            create.withCmd(command);
        } else {
            create.withEntrypoint(command.get(0)).withCmd(command.subList(1, command.size()));
        }
    }

    private static void shell(CreateContainerCmd create, String line, boolean entrypoint) {
        if (entrypoint) {
            create.withCmd("/bin/sh", "-c", line);
        } else {
            create.withEntrypoint("/bin/sh", "-c").withCmd(line);
        }
    }
}
