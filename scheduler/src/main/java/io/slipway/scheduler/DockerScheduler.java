package io.slipway.scheduler;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.model.Capability;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.Ports;
import io.slipway.core.AppManifest;
import io.slipway.core.AppName;
import io.slipway.core.DeployFailedException;
import io.slipway.core.Endpoint;
import io.slipway.core.PushLog;
import io.slipway.core.Release;
import io.slipway.core.Scheduler;
import io.slipway.core.event.EventBus;
import io.slipway.core.event.RoutesChanged;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The local Docker engine backend. A deploy starts the new release's web instance, waits until
 * it answers HTTP, switches the route to it, and only then stops the old release's instances.
 */
public final class DockerScheduler implements Scheduler {

    private static final Logger log = LoggerFactory.getLogger(DockerScheduler.class);
    private static final String LOOPBACK = "127.0.0.1";

    private final DockerClient docker;
    private final EventBus events;
    private final SchedulerSettings settings;

    public DockerScheduler(DockerClient docker, EventBus events, SchedulerSettings settings) {
        this.docker = docker;
        this.events = events;
        this.settings = settings;
    }

    @Override
    public void deploy(Release release, Map<String, String> env, PushLog out) {
        if (!release.processes().containsKey("web")) {
            out.info("no web process: the app gets no HTTP route");
            stopOthers(release);
            events.publish(new RoutesChanged(release.app(), List.of()));
            return;
        }
        String instance = "web.1";
        out.step("Starting " + instance + " of " + release.label());
        String id = start(release, "web", instance, env);
        int port = publishedPort(id, release.manifest().port());
        try {
            awaitLive(id, port, instance);
        } catch (DeployFailedException e) {
            lastLogLines(id, 20).forEach(line -> out.error(instance + " | " + line));
            remove(id);
            throw e;
        }
        out.info(instance + " is answering");
        events.publish(new RoutesChanged(release.app(), List.of(new Endpoint(instance, LOOPBACK, port))));
        stopOthers(release);
    }

    private String start(Release release, String type, String instance, Map<String, String> config) {
        String name = "slipway." + release.app() + "." + instance + "." + release.label();
        removeIfPresent(name);
        AppManifest manifest = release.manifest();
        int containerPort = manifest.port();
        Map<String, String> env = new LinkedHashMap<>(manifest.env());
        env.putAll(config);
        env.put("PORT", String.valueOf(containerPort));
        env.put("SLIPWAY_APP", release.app().value());
        env.put("SLIPWAY_RELEASE", release.label());
        env.put("SLIPWAY_INSTANCE", instance);
        env.put("DYNO", instance);
        Ports ports = new Ports();
        ports.bind(ExposedPort.tcp(containerPort), Ports.Binding.bindIp(LOOPBACK));
        HostConfig host = HostConfig.newHostConfig()
                .withPortBindings(ports)
                .withMemory(settings.memoryBytes())
                .withCpuShares(settings.cpuShares())
                .withPidsLimit(settings.pidsLimit())
                .withSecurityOpts(List.of("no-new-privileges"))
                .withCapDrop(Capability.ALL)
                .withInit(true);
        var create = docker.createContainerCmd(release.image())
                .withName(name)
                .withUser("1000:1000")
                .withEnv(env.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList())
                .withLabels(Map.of(Labels.APP, release.app().value(), Labels.PROCESS, type,
                        Labels.RELEASE, release.label(), Labels.INSTANCE, instance, Labels.ROLE, "instance"))
                .withExposedPorts(ExposedPort.tcp(containerPort))
                .withHostConfig(host);
        String command = manifest.processes().getOrDefault(type, "");
        if (manifest.launcher()) {
            create.withCmd(type);
        } else if (!command.isEmpty()) {
            create.withEntrypoint("/bin/sh", "-c").withCmd(command);
        }
        String id = create.exec().getId();
        docker.startContainerCmd(id).exec();
        log.info("started {} ({}) from {}", name, id.substring(0, 12), release.image());
        return id;
    }

    private void awaitLive(String id, int port, String instance) {
        long deadline = System.nanoTime() + settings.bootTimeout().toNanos();
        while (System.nanoTime() < deadline) {
            InspectContainerResponse.ContainerState state = docker.inspectContainerCmd(id).exec().getState();
            if (!Boolean.TRUE.equals(state.getRunning())) {
                throw new DeployFailedException(instance + " exited with status " + state.getExitCodeLong()
                        + " before it answered on $PORT");
            }
            if (Readiness.answers(LOOPBACK, port, 1000)) {
                return;
            }
            sleep(200);
        }
        throw new DeployFailedException(instance + " did not answer HTTP on $PORT within "
                + settings.bootTimeout().toSeconds() + " s; make the web process listen on the port in $PORT");
    }

    private int publishedPort(String id, int containerPort) {
        Ports.Binding[] bindings = docker.inspectContainerCmd(id).exec().getNetworkSettings().getPorts()
                .getBindings().get(ExposedPort.tcp(containerPort));
        if (bindings == null || bindings.length == 0) {
            remove(id);
            throw new DeployFailedException("the engine published no port for the web instance");
        }
        return Integer.parseInt(bindings[0].getHostPortSpec());
    }

    /** Stops every instance of the app that belongs to another release. */
    private void stopOthers(Release current) {
        for (Container c : instances(current.app())) {
            if (!current.label().equals(c.getLabels().get(Labels.RELEASE))) {
                stop(c.getId());
            }
        }
    }

    private void stop(String id) {
        try {
            docker.stopContainerCmd(id).withTimeout((int) settings.stopGrace().toSeconds()).exec();
        } catch (RuntimeException e) {
            log.debug("stop {}: {}", id, e.getMessage());
        }
        remove(id);
    }

    private List<Container> instances(AppName app) {
        return docker.listContainersCmd().withShowAll(true)
                .withLabelFilter(Map.of(Labels.APP, app.value(), Labels.ROLE, "instance")).exec();
    }

    @Override
    public void adopt() {
        List<Container> running = docker.listContainersCmd()
                .withLabelFilter(Map.of(Labels.ROLE, "instance")).exec();
        Map<String, List<Container>> byApp = running.stream()
                .collect(Collectors.groupingBy(c -> c.getLabels().get(Labels.APP)));
        for (Map.Entry<String, List<Container>> app : byApp.entrySet()) {
            Optional<String> newest = app.getValue().stream().map(c -> c.getLabels().get(Labels.RELEASE))
                    .max(Comparator.comparingInt(r -> Integer.parseInt(r.substring(1))));
            List<Endpoint> endpoints = new ArrayList<>();
            for (Container c : app.getValue()) {
                if (newest.get().equals(c.getLabels().get(Labels.RELEASE))
                        && "web".equals(c.getLabels().get(Labels.PROCESS))) {
                    for (com.github.dockerjava.api.model.ContainerPort p : c.getPorts()) {
                        if (p.getPrivatePort() != null && LOOPBACK.equals(p.getIp()) && p.getPublicPort() != null) {
                            endpoints.add(new Endpoint(c.getLabels().get(Labels.INSTANCE), LOOPBACK, p.getPublicPort()));
                        }
                    }
                }
            }
            log.info("adopted {} instance(s) of {} {}", endpoints.size(), app.getKey(), newest.get());
            events.publish(new RoutesChanged(AppName.of(app.getKey()), endpoints));
        }
    }

    private List<String> lastLogLines(String id, int count) {
        List<String> lines = new ArrayList<>();
        ResultCallback.Adapter<Frame> callback = new ResultCallback.Adapter<>() {
            @Override
            public void onNext(Frame frame) {
                new String(frame.getPayload(), StandardCharsets.UTF_8).lines().forEach(lines::add);
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
        return lines;
    }

    private void removeIfPresent(String name) {
        docker.listContainersCmd().withShowAll(true).withNameFilter(List.of(name)).exec().stream()
                .filter(c -> List.of(c.getNames()).contains("/" + name))
                .forEach(c -> remove(c.getId()));
    }

    private void remove(String id) {
        try {
            docker.removeContainerCmd(id).withForce(true).exec();
        } catch (RuntimeException e) {
            log.debug("remove {}: {}", id, e.getMessage());
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DeployFailedException("interrupted while waiting for the instance");
        }
    }
}
