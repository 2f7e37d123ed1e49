package io.slipway.addons;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.Capability;
import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.StreamType;
import io.slipway.core.Scheduler.Terminal;
import java.io.IOException;
import java.io.OutputStream;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code addons:connect}: the service's own client in a one-off container of the add-on's image
 * on the add-on's network, so it reaches the server exactly as an attached app does. Attached to
 * the caller's streams before it starts, like {@code run}; with a tty when the caller has one.
 */
final class Consoles {

    private static final Logger log = LoggerFactory.getLogger(Consoles.class);
    private static final long MEMORY_BYTES = 256L << 20;

    private final DockerClient docker;

    Consoles(DockerClient docker) {
        this.docker = docker;
    }

    int connect(AddonRecord a, Optional<String> command, Terminal terminal) {
        AddonRef ref = a.ref();
        String name = ref.container() + ".connect." + HexFormat.of().formatHex(new byte[] {
                (byte) ThreadLocalRandom.current().nextInt(), (byte) ThreadLocalRandom.current().nextInt(),
                (byte) ThreadLocalRandom.current().nextInt()});
        HostConfig host = HostConfig.newHostConfig()
                .withMemory(MEMORY_BYTES)
                .withPidsLimit(256L)
                .withSecurityOpts(List.of("no-new-privileges"))
                .withCapDrop(Capability.ALL)
                .withInit(true)
                .withNetworkMode(ref.network());
        String id = docker.createContainerCmd(a.image())
                .withName(name)
                .withEntrypoint("addon-connect")
                .withCmd(command.map(List::of).orElse(List.of()))
                .withEnv(AddonContainers.env(a))
                .withLabels(AddonContainers.labels(ref, a.service(), AddonContainers.CONNECT_ROLE))
                .withTty(terminal.tty())
                .withStdinOpen(terminal.tty())
                .withAttachStdin(terminal.tty())
                .withHostConfig(host)
                .exec().getId();
        try {
            return attachAndRun(id, terminal);
        } finally {
            try {
                docker.removeContainerCmd(id).withForce(true).exec();
            } catch (RuntimeException e) {
                log.debug("remove {}: {}", name, e.getMessage());
            }
        }
    }

    private int attachAndRun(String id, Terminal terminal) {
        ResultCallback.Adapter<Frame> attach = new ResultCallback.Adapter<>() {
            @Override
            public void onNext(Frame frame) {
                write(frame.getStreamType() == StreamType.STDERR ? terminal.err() : terminal.out(), frame.getPayload());
            }
        };
        try {
            var command = docker.attachContainerCmd(id).withStdOut(true).withStdErr(true).withFollowStream(true);
            if (terminal.tty()) {
                // Without a tty, stdin is not passed on: the engine's attach cannot be half-closed,
                // so the client would never see the end of it; use addons:connect -c instead.
                command.withStdIn(terminal.in());
            }
            command.exec(attach);
            attach.awaitStarted(10, TimeUnit.SECONDS);
            docker.startContainerCmd(id).exec();
            int status = docker.waitContainerCmd(id).start().awaitStatusCode();
            attach.awaitCompletion(5, TimeUnit.SECONDS);
            attach.close();
            return status;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 130;
        } catch (IOException e) {
            log.debug("attach of {} ended: {}", id, e.getMessage());
            return docker.waitContainerCmd(id).start().awaitStatusCode();
        }
    }

    private static void write(OutputStream out, byte[] bytes) {
        try {
            out.write(bytes);
            out.flush();
        } catch (IOException e) {
            log.debug("console output went nowhere: {}", e.getMessage());
        }
    }
}
