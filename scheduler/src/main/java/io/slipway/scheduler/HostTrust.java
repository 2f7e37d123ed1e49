package io.slipway.scheduler;

import com.github.dockerjava.api.model.AccessMode;
import com.github.dockerjava.api.model.Bind;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.Volume;
import io.slipway.core.HostCaBundle;
import java.util.List;

/**
 * A buildpack app trusts what its build trusted (the host's CAs, see {@link HostCaBundle}): the
 * bundle is mounted over the run stack's, and Node.js and Python's requests, which keep lists of
 * their own, are pointed at it too. An image built from a Dockerfile keeps its own.
 */
final class HostTrust {

    private HostTrust() {
    }

    static void apply(InstanceSpec spec, SchedulerSettings settings, HostConfig host, List<String> env) {
        if (!spec.release().manifest().launcher() || settings.caBundle().isEmpty()) {
            return;
        }
        host.withBinds(new Bind(settings.caBundle().get().toString(), new Volume(HostCaBundle.IN_CONTAINER),
                AccessMode.ro));
        for (String name : List.of("NODE_EXTRA_CA_CERTS", "REQUESTS_CA_BUNDLE")) {
            if (!spec.env().containsKey(name)) {
                env.add(name + "=" + HostCaBundle.IN_CONTAINER);
            }
        }
    }
}
