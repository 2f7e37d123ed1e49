package io.slipway.scheduler;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.command.CreateContainerCmd;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Capability;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.ContainerConfig;
import com.github.dockerjava.api.model.Event;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.NetworkSettings;
import com.github.dockerjava.api.model.Ports;
import io.slipway.core.AppNetworks;
import io.slipway.core.LineBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The scheduler's narrow view of the Docker engine: its own containers, found by label. */
final class Containers {

    static final String LOOPBACK = "127.0.0.1";
    private static final Logger log = LoggerFactory.getLogger(Containers.class);

    private final DockerClient docker;
    private final SchedulerSettings settings;
    private final AppNetworks networks;

    Containers(DockerClient docker, SchedulerSettings settings, AppNetworks networks) {
        this.docker = docker;
        this.settings = settings;
        this.networks = networks;
    }

    /** A container as the scheduler sees it. */
    record Observed(String id, String app, String type, String instance, String release, String role, int restarts,
                    boolean running, Readiness.Target target, Instant created) {

        int number() {
            int dot = instance.lastIndexOf('.');
            try {
                return dot < 0 ? 0 : Integer.parseInt(instance.substring(dot + 1));
            } catch (NumberFormatException e) {
                return 0;
            }
        }
    }

    /** Creates and starts the container; formation web instances publish their port on loopback. */
    String start(InstanceSpec spec) {
        String id = create(spec, false);
        try {
            docker.startContainerCmd(id).exec();
        } catch (RuntimeException e) {
            remove(id);
            throw e;
        }
        log.info("started {} of {} from {}", spec.instance(), spec.app(), spec.release().image());
        return id;
    }

    /** Creates the container without starting it; formation web instances publish their port on loopback. */
    String create(InstanceSpec spec, boolean tty) {
        return create(spec, tty, tty);
    }

    /** {@code stdin}: the container reads what an attach sends, up to its end (then EOF). */
    String create(InstanceSpec spec, boolean tty, boolean stdin) {
        String name = "slipway." + spec.app() + "." + spec.instance() + "."
                + HexFormat.of().formatHex(new byte[] {(byte) ThreadLocalRandom.current().nextInt(),
                (byte) ThreadLocalRandom.current().nextInt(), (byte) ThreadLocalRandom.current().nextInt()});
        HostConfig host = HostConfig.newHostConfig()
                .withMemory(spec.memoryBytes())
                .withCpuShares(settings.cpuShares())
                .withPidsLimit(settings.pidsLimit())
                .withSecurityOpts(List.of("no-new-privileges"))
                .withCapDrop(Capability.ALL)
                .withInit(true);
        List<String> env = new ArrayList<>(spec.env().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList());
        if (settings.httpsPort() > 0) {
            // Whether (and where) the router serves HTTPS, for an app that redirects plain HTTP there.
            env.add("SLIPWAY_HTTPS_PORT=" + settings.httpsPort());
        }
        HostTrust.apply(spec, settings, host, env);
        // A Dockerfile's image says who it runs as and what runs its commands; buildpack images do not.
        ContainerConfig image = spec.release().manifest().launcher() ? null
                : docker.inspectImageCmd(spec.release().image()).exec().getConfig();
        CreateContainerCmd create = docker.createContainerCmd(spec.release().image())
                .withName(name)
                .withUser(ContainerCommand.user(image))
                .withEnv(env)
                .withLabels(spec.labels())
                .withTty(tty)
                .withStdinOpen(stdin)
                .withStdInOnce(stdin)
                .withAttachStdin(stdin);
        if (spec.role().equals(Labels.INSTANCE_ROLE) && spec.type().equals("web")) {
            Ports ports = new Ports();
            ports.bind(ExposedPort.tcp(spec.port()), Ports.Binding.bindIp(LOOPBACK));
            host.withPortBindings(ports);
            create.withExposedPorts(ExposedPort.tcp(spec.port()));
        }
        ContainerCommand.apply(create, spec, image != null && image.getEntrypoint() != null
                && image.getEntrypoint().length > 0);
        String id = create.withHostConfig(host).exec().getId();
        try {
            for (String network : networks.networks(spec.release().app())) {
                docker.connectToNetworkCmd().withContainerId(id).withNetworkId(network).exec();
            }
        } catch (RuntimeException e) {
            remove(id);
            throw e;
        }
        return id;
    }

    /** Where the web instance's {@code containerPort} is reached; empty when the engine published it nowhere. */
    Optional<Readiness.Target> published(String id, int containerPort) {
        NetworkSettings network = docker.inspectContainerCmd(id).exec().getNetworkSettings();
        Ports.Binding[] bindings = network.getPorts().getBindings().get(ExposedPort.tcp(containerPort));
        if (bindings == null || bindings.length == 0) {
            return Optional.empty();
        }
        int hostPort = Integer.parseInt(bindings[0].getHostPortSpec());
        return Optional.of(Readiness.Target.of(hostPort, network.getNetworks(), containerPort));
    }

    /**
     * Whether the container runs, and how it ended if it does not; {@code pid}: its first process on
     * this host, 0 when it does not run.
     */
    record State(boolean running, long exitCode, boolean oomKilled, Instant startedAt, long pid) {
    }

    Optional<State> state(String id) {
        try {
            InspectContainerResponse.ContainerState s = docker.inspectContainerCmd(id).exec().getState();
            Long code = s.getExitCodeLong();
            return Optional.of(new State(Boolean.TRUE.equals(s.getRunning()), code == null ? -1 : code,
                    Boolean.TRUE.equals(s.getOOMKilled()), parseTime(s.getStartedAt()),
                    s.getPidLong() == null ? 0 : s.getPidLong()));
        } catch (NotFoundException e) {
            return Optional.empty();
        }
    }

    /** The app's containers of the given role (all apps when {@code app} is null). */
    List<Observed> list(String app, String role) {
        Map<String, String> filter = app == null ? Map.of(Labels.ROLE, role) : Map.of(Labels.APP, app, Labels.ROLE, role);
        List<Observed> observed = new ArrayList<>();
        for (Container c : docker.listContainersCmd().withShowAll(true).withLabelFilter(filter).exec()) {
            Map<String, String> labels = c.getLabels();
            Readiness.Target target = new Readiness.Target(0, null);
            if (c.getPorts() != null) {
                for (var p : c.getPorts()) {
                    if (p.getPublicPort() != null && p.getPrivatePort() != null && LOOPBACK.equals(p.getIp())) {
                        target = Readiness.Target.of(p.getPublicPort(), c.getNetworkSettings() == null ? null
                                : c.getNetworkSettings().getNetworks(), p.getPrivatePort());
                    }
                }
            }
            observed.add(new Observed(c.getId(), labels.get(Labels.APP), labels.get(Labels.PROCESS),
                    labels.get(Labels.INSTANCE), labels.get(Labels.RELEASE), labels.get(Labels.ROLE),
                    parseInt(labels.get(Labels.RESTARTS)), "running".equals(c.getState()), target,
                    Instant.ofEpochSecond(c.getCreated() == null ? 0 : c.getCreated())));
        }
        return observed;
    }

    /** SIGTERM, the grace period, then SIGKILL; then the container is removed. */
    void stop(String id) {
        try {
            docker.stopContainerCmd(id).withTimeout((int) settings.stopGrace().toSeconds()).exec();
        } catch (RuntimeException e) {
            log.debug("stop {}: {}", id, e.getMessage());
        }
        remove(id);
    }

    void kill(String id) {
        try {
            docker.killContainerCmd(id).exec();
        } catch (RuntimeException e) {
            log.debug("kill {}: {}", id, e.getMessage());
        }
    }

    void remove(String id) {
        try {
            docker.removeContainerCmd(id).withForce(true).exec();
        } catch (RuntimeException e) {
            log.debug("remove {}: {}", id, e.getMessage());
        }
    }

    List<String> lastLines(String id, int count) {
        List<String> lines = new ArrayList<>();
        LineBuffer buffer = new LineBuffer(lines::add);
        ResultCallback.Adapter<Frame> callback = new ResultCallback.Adapter<>() {
            @Override
            public void onNext(Frame frame) {
                buffer.accept(frame.getStreamType(), frame.getPayload());
            }
        };
        try {
            docker.logContainerCmd(id).withStdOut(true).withStdErr(true).withTail(count).exec(callback)
                    .awaitCompletion(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            log.debug("logs of {}: {}", id, e.getMessage());
        }
        buffer.flush();
        return lines;
    }

    /** Streams the container's output, line by line, from {@code since} until it stops or the handle closes. */
    AutoCloseable follow(String id, Instant since, Consumer<String> lines) {
        LineBuffer buffer = new LineBuffer(lines);
        ResultCallback.Adapter<Frame> callback = new ResultCallback.Adapter<>() {
            @Override
            public void onNext(Frame frame) {
                buffer.accept(frame.getStreamType(), frame.getPayload());
            }

            @Override
            public void onComplete() {
                buffer.flush();
                super.onComplete();
            }
        };
        docker.logContainerCmd(id).withStdOut(true).withStdErr(true).withFollowStream(true)
                .withSince((int) since.getEpochSecond()).exec(callback);
        return callback;
    }

    /** Waits until the container exits; its exit status. */
    int await(String id) {
        try {
            return docker.waitContainerCmd(id).start().awaitStatusCode();
        } catch (RuntimeException e) {
            return state(id).map(s -> (int) s.exitCode()).orElse(-1);
        }
    }

    /** Calls {@code onDie} with the app of each of our containers that stops. */
    AutoCloseable watchDeaths(Consumer<String> onDie) {
        ResultCallback.Adapter<Event> callback = new ResultCallback.Adapter<>() {
            @Override
            public void onNext(Event event) {
                Map<String, String> attributes = event.getActor() == null ? null : event.getActor().getAttributes();
                if (attributes != null && Labels.INSTANCE_ROLE.equals(attributes.get(Labels.ROLE))) {
                    onDie.accept(attributes.get(Labels.APP));
                }
            }
        };
        docker.eventsCmd().withEventFilter("die").withLabelFilter(Map.of(Labels.ROLE, Labels.INSTANCE_ROLE))
                .exec(callback);
        return callback;
    }

    DockerClient docker() {
        return docker;
    }

    private static int parseInt(String s) {
        try {
            return s == null ? 0 : Integer.parseInt(s);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static Instant parseTime(String s) {
        try {
            return s == null ? Instant.EPOCH : Instant.parse(s);
        } catch (RuntimeException e) {
            return Instant.EPOCH;
        }
    }
}
