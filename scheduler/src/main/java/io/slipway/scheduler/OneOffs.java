package io.slipway.scheduler;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.StreamType;
import io.slipway.core.DeployFailedException;
import io.slipway.core.LineBuffer;
import io.slipway.core.PushLog;
import io.slipway.core.Release;
import io.slipway.core.Scheduler.Terminal;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One-off containers: {@code run APP -- CMD}, the release phase and cron jobs. Each is attached
 * before it starts, so no output is lost, and removed when it ends.
 */
final class OneOffs {

    private static final Logger log = LoggerFactory.getLogger(OneOffs.class);
    private static final long DEPLOY_SCRIPT_TIMEOUT_SECONDS = 30 * 60;

    private final Containers containers;
    private final PredeployImages predeploys;

    OneOffs(Containers containers, PredeployImages predeploys) {
        this.containers = containers;
        this.predeploys = predeploys;
    }

    /**
     * Runs attached to the caller's terminal; returns the exit status. The caller's input reaches
     * the command with or without a terminal, as with heroku run
     * ({@code ssh HOST run APP -- python manage.py shell < script.py}); without one it ends with EOF.
     */
    int run(InstanceSpec spec, Terminal terminal) {
        Optional<Path> socket = terminal.tty() ? Optional.empty() : StdinAttach.engineSocket();
        String id = containers.create(spec, terminal.tty(), terminal.tty() || socket.isPresent());
        StdinAttach stdin = null;
        if (socket.isPresent()) {
            try {
                stdin = StdinAttach.open(socket.get(), id, terminal.in());
            } catch (IOException e) {
                // Nothing would ever end its input: the command runs with none instead.
                log.warn("cannot attach the input of {}: {}; it runs with none", spec.instance(), e.getMessage());
                containers.remove(id);
                id = containers.create(spec, false, false);
            }
        }
        try {
            DockerClient docker = containers.docker();
            ResultCallback.Adapter<Frame> attach = new ResultCallback.Adapter<>() {
                @Override
                public void onNext(Frame frame) {
                    write(frame.getStreamType() == StreamType.STDERR ? terminal.err() : terminal.out(), frame.getPayload());
                }
            };
            var command = docker.attachContainerCmd(id).withStdOut(true).withStdErr(true).withFollowStream(true);
            if (terminal.tty()) {
                command.withStdIn(terminal.in());
            }
            command.exec(attach);
            attach.awaitStarted(10, TimeUnit.SECONDS);
            docker.startContainerCmd(id).exec();
            int status = containers.await(id);
            attach.awaitCompletion(5, TimeUnit.SECONDS);
            attach.close();
            return status;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 130;
        } catch (IOException e) {
            log.debug("attach of {} ended: {}", id, e.getMessage());
            return containers.await(id);
        } finally {
            if (stdin != null) {
                stdin.close();
            }
            containers.remove(id);
        }
    }

    /**
     * The release phase and deploy scripts: a one-off container of the new release, its output in
     * the push; a failure (or {@value #DEPLOY_SCRIPT_TIMEOUT_SECONDS} s) fails the deploy.
     */
    void deployScript(Release release, String name, String command, long memoryBytes, PushLog out) {
        deployScript(release, name, command, memoryBytes, out, (id, status) -> { });
    }

    /**
     * app.json's predeploy script, as {@link #deployScript}: {@code release} to run from then on,
     * with what the script wrote kept in its image.
     */
    Release predeploy(Release release, long memoryBytes, PushLog out) {
        Release[] kept = {release};
        deployScript(release, "predeploy", release.manifest().predeploy(), memoryBytes, out, (id, status) -> {
            if (status == 0) {
                kept[0] = predeploys.keep(id, release, out);
            }
        });
        return kept[0];
    }

    private void deployScript(Release release, String name, String command, long memoryBytes, PushLog out,
                              BiConsumer<String, Integer> ended) {
        if (command.isEmpty()) {
            return;
        }
        out.step("Running " + name + ": " + command);
        InstanceSpec spec = InstanceSpec.oneOff(release, name, 0, name, List.of(command), memoryBytes);
        int status = runLogged(spec, out::info, DEPLOY_SCRIPT_TIMEOUT_SECONDS, ended);
        if (status != 0) {
            throw new DeployFailedException("the " + name + " command failed (exit " + status + "): " + command);
        }
    }

    /** A postdeploy script: the release serves already, so a failure is reported, not fatal. */
    void postdeploy(Release release, String command, long memoryBytes, PushLog out) {
        try {
            deployScript(release, "postdeploy", command, memoryBytes, out);
        } catch (DeployFailedException e) {
            out.error(e.getMessage() + "; " + release.label() + " is serving all the same");
        }
    }

    /** Runs with its output handed on line by line; returns the exit status (-1 on timeout). */
    int runLogged(InstanceSpec spec, Consumer<String> lines, long timeoutSeconds) {
        return runLogged(spec, lines, timeoutSeconds, (id, status) -> { });
    }

    /** As {@link #runLogged(InstanceSpec, Consumer, long)}; {@code ended} sees the stopped container before it goes. */
    private int runLogged(InstanceSpec spec, Consumer<String> lines, long timeoutSeconds,
                          BiConsumer<String, Integer> ended) {
        String id = containers.create(spec, false);
        LineBuffer buffer = new LineBuffer(lines);
        try {
            ResultCallback.Adapter<Frame> attach = new ResultCallback.Adapter<>() {
                @Override
                public void onNext(Frame frame) {
                    buffer.accept(frame.getStreamType(), frame.getPayload());
                }
            };
            containers.docker().attachContainerCmd(id).withStdOut(true).withStdErr(true).withFollowStream(true)
                    .exec(attach);
            attach.awaitStarted(10, TimeUnit.SECONDS);
            containers.docker().startContainerCmd(id).exec();
            if (!attach.awaitCompletion(timeoutSeconds, TimeUnit.SECONDS)) {
                containers.kill(id);
                return -1;
            }
            buffer.flush();
            int status = containers.await(id);
            ended.accept(id, status);
            return status;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            containers.kill(id);
            return -1;
        } finally {
            containers.remove(id);
        }
    }

    private static void write(OutputStream out, byte[] bytes) {
        try {
            out.write(bytes);
            out.flush();
        } catch (IOException e) {
            log.debug("one-off output went nowhere: {}", e.getMessage());
        }
    }
}
