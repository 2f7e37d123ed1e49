package io.slipway.addons;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.Capability;
import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.StreamType;
import io.slipway.core.InvalidInputException;
import io.slipway.core.Scheduler.Terminal;
import io.slipway.core.SlipwayException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
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
 * Without a tty and without a command, what the caller sends ({@code ssh HOST addons:connect APP
 * NAME < script.sql}) is the client's input: it is read to its end first and handed to the client
 * as a file, because the engine's attach cannot pass on the end of a stream.
 */
final class Consoles {

    private static final Logger log = LoggerFactory.getLogger(Consoles.class);
    private static final long MEMORY_BYTES = 256L << 20;
    static final long MAX_INPUT_BYTES = 1L << 30;
    private static final String INPUT_DIR = "/tmp";

    private final DockerClient docker;

    Consoles(DockerClient docker) {
        this.docker = docker;
    }

    int connect(AddonRecord a, Optional<String> command, Terminal terminal) {
        if (terminal.tty() || command.isPresent()) {
            return connect(a, command, terminal, Optional.empty());
        }
        Path input = spool(terminal.in());
        try {
            return connect(a, command, terminal, Optional.of(input));
        } finally {
            try {
                Files.deleteIfExists(input);
            } catch (IOException e) {
                log.warn("cannot delete {}: {}", input, e.getMessage());
            }
        }
    }

    private int connect(AddonRecord a, Optional<String> command, Terminal terminal, Optional<Path> input) {
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
        List<String> entrypoint = input.map(file -> List.of("/bin/sh", "-c", "exec addon-connect < \"$0\"",
                INPUT_DIR + "/" + file.getFileName())).orElse(List.of("addon-connect"));
        String id = docker.createContainerCmd(a.image())
                .withName(name)
                .withEntrypoint(entrypoint)
                .withCmd(command.map(List::of).orElse(List.of()))
                .withEnv(AddonContainers.env(a))
                .withLabels(AddonContainers.labels(ref, a.service(), AddonContainers.CONNECT_ROLE))
                .withTty(terminal.tty())
                .withStdinOpen(terminal.tty())
                .withAttachStdin(terminal.tty())
                .withHostConfig(host)
                .exec().getId();
        try {
            input.ifPresent(file -> docker.copyArchiveToContainerCmd(id).withHostResource(file.toString())
                    .withRemotePath(INPUT_DIR).exec());
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

    /** The caller's input, read to its end into a temporary file the client container can read. */
    static Path spool(InputStream in) {
        Path file;
        try {
            file = Files.createTempFile("slipway-connect-", ".in");
        } catch (IOException e) {
            throw new SlipwayException("cannot keep the input for addons:connect: " + e.getMessage(), e);
        }
        try (OutputStream out = Files.newOutputStream(file)) {
            byte[] buffer = new byte[64 * 1024];
            long total = 0;
            for (int n; (n = in.read(buffer)) >= 0; ) {
                total += n;
                if (total > MAX_INPUT_BYTES) {
                    throw new InvalidInputException("the input to addons:connect is over " + (MAX_INPUT_BYTES >> 20)
                            + " MiB; load big data with addons:restore, or connect with addons:expose");
                }
                out.write(buffer, 0, n);
            }
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
            return file;
        } catch (IOException | RuntimeException e) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException ignored) {
                // it is in the temporary directory
            }
            if (e instanceof RuntimeException r) {
                throw r;
            }
            throw new SlipwayException("reading the input for addons:connect failed: " + e.getMessage(), e);
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
