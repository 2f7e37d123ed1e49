package io.slipway.receiver.cli;

import io.slipway.core.Addons;
import io.slipway.core.AppName;
import io.slipway.core.Logs;
import io.slipway.core.Scheduler;
import io.slipway.core.access.Access;
import io.slipway.core.event.EventBus;
import io.slipway.core.store.Apps;
import io.slipway.core.store.Audit;
import io.slipway.core.store.ConfigVars;
import io.slipway.core.store.Domains;
import io.slipway.core.store.Members;
import io.slipway.core.store.Releases;
import io.slipway.core.store.RouterOptionStore;
import io.slipway.core.store.Users;
import io.slipway.receiver.AppLifecycle;
import io.slipway.receiver.DeployPipeline;
import io.slipway.receiver.TemplateService;
import io.slipway.receiver.tls.CertificateFiles;
import java.util.function.Function;

/** What the commands work with. */
public record Services(Apps apps, Releases releases, ConfigVars config, Scheduler scheduler, Logs logs,
                       DeployPipeline pipeline, AppLifecycle lifecycle, Users users, Members members, Domains domains,
                       Audit audit, Access access, EventBus events, Urls urls, TemplateService templates, Addons addons,
                       CertificateFiles certificates, RouterOptionStore routerOptions) {

    /** Where an app's repository and web address are. */
    public record Urls(Function<AppName, String> repository, Function<AppName, String> web) {
    }
}
