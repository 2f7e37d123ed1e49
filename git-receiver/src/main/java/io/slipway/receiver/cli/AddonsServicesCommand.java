package io.slipway.receiver.cli;

import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "addons:services", description = "List the services add-ons can be made of.")
final class AddonsServicesCommand implements Callable<Integer> {

    private final Context context;

    @Mixin
    Output output;

    AddonsServicesCommand(Context context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        List<String> services = context.services().addons().services();
        output.print(context.caller(), services, services);
        return 0;
    }
}
