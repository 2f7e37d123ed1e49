package io.slipway.addons;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.StreamType;
import io.slipway.core.SlipwayException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs the images' {@code addon-*} scripts inside a running server container. */
final class Execs {

    private static final int MAX_ERROR_BYTES = 4096;

    private final DockerClient docker;

    Execs(DockerClient docker) {
        this.docker = docker;
    }

    /** How a script ended: its exit status (-1 when it timed out) and the end of what it printed to stderr. */
    record Result(int exitCode, String stderr) {

        boolean ok() {
            return exitCode == 0;
        }

        /** The last line of stderr, for an error message. */
        String reason() {
            List<String> lines = stderr.lines().filter(l -> !l.isBlank()).toList();
            return lines.isEmpty() ? "exit " + exitCode : lines.get(lines.size() - 1).strip();
        }
    }

    /** Runs {@code command}, its stdout streamed to {@code stdout}. */
    Result run(String container, List<String> command, String user, OutputStream stdout, Duration timeout) {
        var create = docker.execCreateCmd(container).withCmd(command.toArray(String[]::new))
                .withAttachStdout(true).withAttachStderr(true);
        if (user != null) {
            create.withUser(user);
        }
        String execId = create.exec().getId();
        ByteArrayOutputStream stderr = new ByteArrayOutputStream();
        ResultCallback.Adapter<Frame> callback = new ResultCallback.Adapter<>() {
            @Override
            public void onNext(Frame frame) {
                if (frame.getStreamType() == StreamType.STDERR) {
                    if (stderr.size() < MAX_ERROR_BYTES) {
                        stderr.writeBytes(frame.getPayload());
                    }
                    return;
                }
                try {
                    stdout.write(frame.getPayload());
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        };
        try (callback) {
            docker.execStartCmd(execId).exec(callback);
            if (!callback.awaitCompletion(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                return new Result(-1, "timed out after " + timeout.toSeconds() + " s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SlipwayException("interrupted while running " + command.get(0) + " in " + container);
        } catch (IOException e) {
            throw new SlipwayException("lost the output of " + command.get(0) + ": " + e.getMessage(), e);
        }
        Long code = docker.inspectExecCmd(execId).exec().getExitCodeLong();
        return new Result(code == null ? -1 : code.intValue(), stderr.toString(StandardCharsets.UTF_8));
    }

    /** Runs a short script and returns its stdout. */
    String capture(String container, List<String> command, Duration timeout) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Result r = run(container, command, null, out, timeout);
        if (!r.ok()) {
            throw new SlipwayException(command.get(0) + " failed in " + container + ": " + r.reason());
        }
        return out.toString(StandardCharsets.UTF_8).strip();
    }

    /** Whether the script exits 0 within {@code timeout}. */
    boolean succeeds(String container, List<String> command, Duration timeout) {
        return run(container, command, null, OutputStream.nullOutputStream(), timeout).ok();
    }
}
