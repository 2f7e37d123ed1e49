package io.slipway.receiver.cli;

import io.slipway.core.Addons;
import io.slipway.core.Addons.Addon;
import io.slipway.core.AppName;
import io.slipway.core.access.Right;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "addons:create", description = "Provision an add-on (postgres, redis, mysql, memcached) for an app: "
        + "its own server and data volume; sets DATABASE_URL, REDIS_URL, MYSQL_URL or MEMCACHE_SERVERS "
        + "(NAME_URL with --as NAME) and redeploys the app.")
final class AddonsCreateCommand implements Callable<Integer>, Mutating {

    private final Context context;

    @Mixin
    Output output;

    @Parameters(index = "0", paramLabel = "APP", description = "The app.")
    String appName;

    @Parameters(index = "1", paramLabel = "SERVICE", description = "postgres, redis, mysql or memcached.")
    String service;

    @Option(names = "--as", paramLabel = "NAME", description = "Name the add-on; its config var is then NAME_URL.")
    String as;

    AddonsCreateCommand(Context context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        Optional<Addons.Name> name = as == null ? Optional.empty() : Optional.of(Addons.Name.of(as));
        AppName app = context.app(appName, Right.DEPLOY).name();
        Addon a = context.services().addons().create(app, service, name, output.progress(context.caller()));
        List<String> text = new ArrayList<>();
        text.add("Created add-on " + a.name() + " (" + a.version() + ") for " + app + ": "
                + String.join(", ", AddonsCommand.vars(a, app)) + " set");
        output.print(context.caller(), AddonsCommand.json(a), text);
        return 0;
    }
}
