package io.slipway.receiver.cli;

import io.slipway.core.Logs;
import io.slipway.core.Scheduler;
import io.slipway.core.store.Apps;
import io.slipway.core.store.ConfigVars;
import io.slipway.core.store.Releases;
import io.slipway.receiver.DeployPipeline;

/** What the commands work with. */
public record Services(Apps apps, Releases releases, ConfigVars config, Scheduler scheduler, Logs logs,
                       DeployPipeline pipeline) {
}
