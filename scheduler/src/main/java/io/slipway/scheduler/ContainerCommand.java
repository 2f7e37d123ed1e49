package io.slipway.scheduler;

import com.github.dockerjava.api.command.CreateContainerCmd;
import java.util.ArrayList;
import java.util.List;

/** What a container runs: CNB images run processes through the launcher; other images through sh or their own entrypoint. */
final class ContainerCommand {

    private ContainerCommand() {
    }

    static void apply(CreateContainerCmd create, InstanceSpec spec) {
        boolean launcher = spec.release().manifest().launcher();
        if (spec.command().isEmpty()) {
            String processCommand = spec.release().processes().getOrDefault(spec.type(), "");
            if (launcher) {
                create.withCmd(spec.type());
            } else if (!processCommand.isEmpty()) {
                create.withEntrypoint("/bin/sh", "-c").withCmd(processCommand);
            }
            return;
        }
        if (launcher) {
            List<String> args = new ArrayList<>(List.of("--"));
            args.addAll(spec.command());
            create.withCmd(args);
        } else if (spec.command().size() == 1) {
            create.withEntrypoint("/bin/sh", "-c").withCmd(spec.command().get(0));
        } else {
            create.withEntrypoint(spec.command().get(0)).withCmd(spec.command().subList(1, spec.command().size()));
        }
    }
}
