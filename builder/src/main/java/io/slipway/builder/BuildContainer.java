package io.slipway.builder;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.Bind;
import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.StreamType;
import com.github.dockerjava.api.model.Volume;
import io.slipway.core.BuildFailedException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * A long-lived container from the build stack in which the lifecycle runs each phase with
 * {@code docker exec}. Its {@code /layers} is the app's cache volume; files go in and out as tar
 * streams, so the engine need not share a file system with the daemon.
 */
final class BuildContainer implements AutoCloseable {

    static final String USER = "1000:1000";

    private final DockerClient docker;
    private final String id;
    /** Environment every exec gets (before its own), for what changes from build to build. */
    private volatile Map<String, String> execEnv = Map.of();

    private BuildContainer(DockerClient docker, String id) {
        this.docker = docker;
        this.id = id;
    }

    static BuildContainer start(DockerClient docker, String image, String name, String cacheVolume,
                                Map<String, String> env, long memoryBytes, Map<String, String> labels) {
        HostConfig host = HostConfig.newHostConfig()
                .withBinds(new Bind(cacheVolume, new Volume("/layers")))
                .withMemory(memoryBytes)
                .withInit(true);
        String id = docker.createContainerCmd(image)
                .withName(name)
                .withUser(USER)
                .withWorkingDir("/workspace")
                .withEnv(env.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList())
                .withLabels(labels)
                .withCmd("sleep", "infinity")
                .withHostConfig(host)
                .exec().getId();
        BuildContainer container = new BuildContainer(docker, id);
        try {
            docker.startContainerCmd(id).exec();
            return container;
        } catch (RuntimeException e) {
            container.close();
            throw e;
        }
    }

    String id() {
        return id;
    }

    void setExecEnv(Map<String, String> env) {
        execEnv = Map.copyOf(env);
    }

    void copyIn(InputStream tar, String path) {
        docker.copyArchiveToContainerCmd(id).withTarInputStream(tar).withRemotePath(path).exec();
    }

    InputStream copyOut(String path) {
        return docker.copyArchiveFromContainerCmd(id, path).exec();
    }

    /** Runs a command, streaming its output; returns its exit code. */
    int exec(List<String> command, String user, Map<String, String> env, Consumer<byte[]> output, long timeoutSeconds) {
        return exec(command, user, env, output, output, timeoutSeconds);
    }

    /** Runs a command with its standard output and error kept apart; returns its exit code. */
    int exec(List<String> command, String user, Map<String, String> env, Consumer<byte[]> stdout,
             Consumer<byte[]> stderr, long timeoutSeconds) {
        String execId = docker.execCreateCmd(id)
                .withCmd(command.toArray(String[]::new))
                .withUser(user)
                .withEnv(Stream.concat(execEnv.entrySet().stream().filter(e -> !env.containsKey(e.getKey())),
                        env.entrySet().stream()).map(e -> e.getKey() + "=" + e.getValue()).toList())
                .withAttachStdout(true)
                .withAttachStderr(true)
                .exec().getId();
        ResultCallback.Adapter<Frame> callback = new ResultCallback.Adapter<>() {
            @Override
            public void onNext(Frame frame) {
                (frame.getStreamType() == StreamType.STDERR ? stderr : stdout).accept(frame.getPayload());
            }
        };
        try (callback) {
            docker.execStartCmd(execId).exec(callback);
            if (!callback.awaitCompletion(timeoutSeconds, TimeUnit.SECONDS)) {
                throw new BuildFailedException("build", "timed out after " + timeoutSeconds
                        + " s (raise SLIPWAY_BUILD_TIMEOUT, in seconds, with config:set)");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BuildFailedException("build", "interrupted");
        } catch (IOException e) {
            throw new BuildFailedException("build", "lost the build output: " + e.getMessage());
        }
        Long code = docker.inspectExecCmd(execId).exec().getExitCodeLong();
        return code == null ? -1 : code.intValue();
    }

    /** Runs a short command and returns its standard output; fails the build on a non-zero exit. */
    String capture(List<String> command, String user) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = exec(command, user, Map.of(), out::writeBytes, err::writeBytes, 120);
        if (code != 0) {
            throw new BuildFailedException("build", String.join(" ", command) + " failed (exit " + code + "): " + err + out);
        }
        return out.toString(java.nio.charset.StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        try {
            docker.removeContainerCmd(id).withForce(true).exec();
        } catch (RuntimeException ignored) {
            // already gone
        }
    }
}
