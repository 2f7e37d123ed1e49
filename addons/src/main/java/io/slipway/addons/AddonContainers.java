package io.slipway.addons;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.command.CreateContainerCmd;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.exception.ConflictException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.exception.NotModifiedException;
import com.github.dockerjava.api.model.Capability;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.ContainerNetwork;
import com.github.dockerjava.api.model.Event;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.Mount;
import com.github.dockerjava.api.model.MountType;
import com.github.dockerjava.api.model.Network;
import com.github.dockerjava.api.model.Ports;
import io.slipway.core.Addons.Name;
import io.slipway.core.AppName;
import io.slipway.core.LineBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The add-ons' narrow view of the Docker engine: their containers, volumes and networks, found
 * by label ({@code io.slipway.addon}, {@code io.slipway.app}) and named after the add-on.
 */
final class AddonContainers {

    static final String APP = "io.slipway.app";
    static final String ADDON = "io.slipway.addon";
    static final String SERVICE = "io.slipway.addon.service";
    static final String ROLE = "io.slipway.role";
    static final String SERVER_ROLE = "addon";
    static final String CONNECT_ROLE = "addon-connect";
    static final String LOOPBACK = "127.0.0.1";
    private static final Logger log = LoggerFactory.getLogger(AddonContainers.class);

    private final DockerClient docker;
    private final AddonSettings settings;

    AddonContainers(DockerClient docker, AddonSettings settings) {
        this.docker = docker;
        this.settings = settings;
    }

    /** Whether the container runs, and how it ended if it does not. */
    record State(String id, boolean running, long exitCode, boolean oomKilled, Instant startedAt) {
    }

    /** A server container found by its labels. */
    record Observed(String id, AddonRef ref, boolean running) {
    }

    static Map<String, String> labels(AddonRef ref, Service service, String role) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put(APP, ref.app().value());
        labels.put(ADDON, ref.name().value());
        labels.put(SERVICE, service.id());
        labels.put(ROLE, role);
        return labels;
    }

    /**
     * The private network apps reach the add-on through: internal, so the server has no way out
     * and nothing but the attached apps' containers reaches it.
     */
    void ensureNetwork(String name, boolean internal, Map<String, String> labels) {
        if (!docker.listNetworksCmd().withNameFilter(name).exec().stream().anyMatch(n -> name.equals(n.getName()))) {
            docker.createNetworkCmd().withName(name).withDriver("bridge").withInternal(internal).withLabels(labels)
                    .withCheckDuplicate(true).exec();
        }
    }

    void ensureVolume(String name, Map<String, String> labels) {
        try {
            docker.inspectVolumeCmd(name).exec();
        } catch (NotFoundException e) {
            docker.createVolumeCmd().withName(name).withLabels(labels).exec();
        }
    }

    /**
     * Creates the server's container, not started. Unexposed, it is on its private network only;
     * exposed, its own network publishes the port on loopback (a free one when the record's port
     * is negative) and it joins the private one too.
     */
    String create(AddonRecord a) {
        AddonRef ref = a.ref();
        HostConfig host = HostConfig.newHostConfig()
                .withMemory(settings.memoryBytes())
                .withCpuShares(settings.cpuShares())
                .withPidsLimit(settings.pidsLimit())
                .withSecurityOpts(List.of("no-new-privileges"))
                .withCapDrop(Capability.ALL)
                .withInit(true)
                .withMounts(List.of(new Mount().withType(MountType.VOLUME).withSource(ref.volume()).withTarget("/data")));
        CreateContainerCmd create = docker.createContainerCmd(a.image())
                .withName(ref.container())
                .withHostName(ref.alias())
                .withEnv(env(a))
                .withLabels(labels(ref, a.service(), SERVER_ROLE));
        if (a.exposedPort() != 0) {
            Ports ports = new Ports();
            ports.bind(ExposedPort.tcp(a.service().port()), a.exposedPort() < 0 ? Ports.Binding.bindIp(LOOPBACK)
                    : Ports.Binding.bindIpAndPort(LOOPBACK, a.exposedPort()));
            host.withNetworkMode(ref.exposedNetwork()).withPortBindings(ports);
            create.withExposedPorts(ExposedPort.tcp(a.service().port()));
        } else {
            host.withNetworkMode(ref.network());
            create.withAliases(ref.alias());
        }
        String id = create.withHostConfig(host).exec().getId();
        if (a.exposedPort() != 0) {
            try {
                docker.connectToNetworkCmd().withContainerId(id).withNetworkId(ref.network())
                        .withContainerNetwork(new ContainerNetwork().withAliases(ref.alias())).exec();
            } catch (RuntimeException e) {
                remove(ref.container());
                throw e;
            }
        }
        return id;
    }

    static List<String> env(AddonRecord a) {
        return List.of("ADDON_USER=" + a.credentials().username(), "ADDON_PASSWORD=" + a.credentials().password(),
                "ADDON_DB=" + a.credentials().database(), "ADDON_HOST=" + a.ref().alias());
    }

    void start(String container) {
        try {
            docker.startContainerCmd(container).exec();
        } catch (NotModifiedException e) {
            log.debug("{} was running already", container);
        }
    }

    /** Its stop signal (SIGINT for PostgreSQL's fast shutdown), the grace period, then SIGKILL. */
    void stop(String container) {
        try {
            docker.stopContainerCmd(container).withTimeout((int) settings.stopGrace().toSeconds()).exec();
        } catch (NotFoundException | NotModifiedException e) {
            log.debug("stop {}: {}", container, e.getMessage());
        }
    }

    void remove(String container) {
        try {
            docker.removeContainerCmd(container).withForce(true).exec();
        } catch (NotFoundException e) {
            log.debug("remove {}: gone already", container);
        }
    }

    /** Removes the network, taking off whatever is still on it (an addons:connect session). */
    void removeNetwork(String network) {
        try {
            Network n = docker.inspectNetworkCmd().withNetworkId(network).exec();
            if (n.getContainers() != null) {
                for (String id : n.getContainers().keySet()) {
                    docker.disconnectFromNetworkCmd().withNetworkId(network).withContainerId(id).withForce(true).exec();
                }
            }
            docker.removeNetworkCmd(network).exec();
        } catch (NotFoundException e) {
            log.debug("remove network {}: gone already", network);
        }
    }

    void removeVolume(String volume) {
        try {
            docker.removeVolumeCmd(volume).exec();
        } catch (NotFoundException e) {
            log.debug("remove volume {}: gone already", volume);
        } catch (ConflictException e) {
            throw new io.slipway.core.SlipwayException("the data volume " + volume + " is still in use: " + e.getMessage());
        }
    }

    boolean volumeExists(String volume) {
        try {
            docker.inspectVolumeCmd(volume).exec();
            return true;
        } catch (NotFoundException e) {
            return false;
        }
    }

    boolean networkExists(String network) {
        return docker.listNetworksCmd().withNameFilter(network).exec().stream().anyMatch(n -> network.equals(n.getName()));
    }

    Optional<State> state(String container) {
        try {
            InspectContainerResponse r = docker.inspectContainerCmd(container).exec();
            InspectContainerResponse.ContainerState s = r.getState();
            Long code = s.getExitCodeLong();
            return Optional.of(new State(r.getId(), Boolean.TRUE.equals(s.getRunning()), code == null ? -1 : code,
                    Boolean.TRUE.equals(s.getOOMKilled()), parseTime(s.getStartedAt())));
        } catch (NotFoundException e) {
            return Optional.empty();
        }
    }

    /** Every add-on server container on the engine. */
    List<Observed> list() {
        List<Observed> found = new ArrayList<>();
        for (Container c : docker.listContainersCmd().withShowAll(true).withLabelFilter(Map.of(ROLE, SERVER_ROLE)).exec()) {
            Map<String, String> labels = c.getLabels();
            try {
                found.add(new Observed(c.getId(), new AddonRef(AppName.of(labels.get(APP)), new Name(labels.get(ADDON))),
                        "running".equals(c.getState())));
            } catch (RuntimeException e) {
                log.warn("container {} has unreadable add-on labels {}", c.getId(), labels);
            }
        }
        return found;
    }

    /** The loopback port the exposed container's port is published on, 0 when it is not. */
    int publishedPort(String container, int containerPort) {
        Ports.Binding[] bindings = docker.inspectContainerCmd(container).exec().getNetworkSettings().getPorts()
                .getBindings().get(ExposedPort.tcp(containerPort));
        return bindings == null || bindings.length == 0 ? 0 : Integer.parseInt(bindings[0].getHostPortSpec());
    }

    /** Takes the app's containers (instances, one-offs) off the network. */
    void disconnectApp(String network, AppName app) {
        Network n;
        try {
            n = docker.inspectNetworkCmd().withNetworkId(network).exec();
        } catch (NotFoundException e) {
            return;
        }
        if (n.getContainers() == null) {
            return;
        }
        for (String id : n.getContainers().keySet()) {
            try {
                Map<String, String> labels = docker.inspectContainerCmd(id).exec().getConfig().getLabels();
                if (labels != null && app.value().equals(labels.get(APP)) && !SERVER_ROLE.equals(labels.get(ROLE))) {
                    docker.disconnectFromNetworkCmd().withNetworkId(network).withContainerId(id).withForce(true).exec();
                }
            } catch (NotFoundException e) {
                log.debug("{} left {} by itself", id, network);
            }
        }
    }

    /** Copies a host file into the container's {@code dir}, keeping its name. */
    void copyIn(String container, java.nio.file.Path file, String dir) {
        docker.copyArchiveToContainerCmd(container).withHostResource(file.toString()).withRemotePath(dir).exec();
    }

    List<String> lastLines(String container, int count) {
        List<String> lines = new ArrayList<>();
        LineBuffer buffer = new LineBuffer(lines::add);
        ResultCallback.Adapter<Frame> callback = new ResultCallback.Adapter<>() {
            @Override
            public void onNext(Frame frame) {
                buffer.accept(frame.getStreamType(), frame.getPayload());
            }
        };
        try {
            docker.logContainerCmd(container).withStdOut(true).withStdErr(true).withTail(count).exec(callback)
                    .awaitCompletion(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            log.debug("logs of {}: {}", container, e.getMessage());
        }
        buffer.flush();
        return lines;
    }

    /** Calls {@code onDie} with each add-on server that stops. */
    AutoCloseable watchDeaths(Consumer<AddonRef> onDie) {
        ResultCallback.Adapter<Event> callback = new ResultCallback.Adapter<>() {
            @Override
            public void onNext(Event event) {
                Map<String, String> a = event.getActor() == null ? null : event.getActor().getAttributes();
                if (a != null && SERVER_ROLE.equals(a.get(ROLE)) && a.get(APP) != null && a.get(ADDON) != null) {
                    try {
                        onDie.accept(new AddonRef(AppName.of(a.get(APP)), new Name(a.get(ADDON))));
                    } catch (RuntimeException e) {
                        log.debug("ignoring a die event: {}", e.toString());
                    }
                }
            }
        };
        docker.eventsCmd().withEventFilter("die").withLabelFilter(Map.of(ROLE, SERVER_ROLE)).exec(callback);
        return callback;
    }

    private static Instant parseTime(String s) {
        try {
            return s == null ? Instant.EPOCH : Instant.parse(s);
        } catch (RuntimeException e) {
            return Instant.EPOCH;
        }
    }
}
