package io.slipway.daemon;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One OpenSSH connection to the platform held open by {@code ssh -M} (ControlMaster), that
 * {@link #ssh} sends each command through as a new session on that same connection.
 */
final class ControlMaster implements AutoCloseable {

    private final TestPlatform platform;
    private final Path key;
    private final Path socket;
    private final Process master;

    private ControlMaster(TestPlatform platform, Path key, Path socket, Process master) {
        this.platform = platform;
        this.key = key;
        this.socket = socket;
        this.master = master;
    }

    /** Opens the master connection and waits until it accepts sessions. */
    static ControlMaster open(TestPlatform platform, Path key) throws IOException, InterruptedException {
        Path socket = Files.createTempDirectory(platform.root, "mux").resolve("master");
        List<String> line = new ArrayList<>(platform.sshCommand(key));
        line.addAll(List.of("-M", "-N", "-o", "ControlPath=" + socket, "-o", "ControlPersist=no",
                "-p", String.valueOf(platform.slipway.sshPort()), "git@127.0.0.1"));
        ProcessBuilder builder = new ProcessBuilder(line).redirectErrorStream(true)
                .redirectOutput(socket.resolveSibling("master.log").toFile());
        builder.environment().put("HOME", platform.home.toString());
        ControlMaster mux = new ControlMaster(platform, key, socket, builder.start());
        for (int i = 0; i < 200 && !mux.isUp(); i++) {
            if (!mux.master.isAlive()) {
                throw new IllegalStateException("ssh -M exited " + mux.master.exitValue() + ": "
                        + Files.readString(socket.resolveSibling("master.log")));
            }
            Thread.sleep(50);
        }
        if (!mux.isUp()) {
            mux.close();
            throw new IllegalStateException("ssh -M did not open its control socket");
        }
        return mux;
    }

    private boolean isUp() {
        return Shell.run(platform.root, Map.of("HOME", platform.home.toString()),
                "ssh", "-o", "ControlPath=" + socket, "-O", "check", "git@127.0.0.1").exit() == 0;
    }

    /**
     * Runs a command as a session of the master connection. Nothing listens on port 1, so a
     * client that could not use the master fails instead of quietly opening its own connection.
     */
    Shell.Result ssh(String... command) {
        List<String> line = new ArrayList<>(platform.sshCommand(key));
        line.addAll(List.of("-o", "ControlMaster=no", "-o", "ControlPath=" + socket, "-p", "1", "git@127.0.0.1"));
        line.addAll(List.of(command));
        return Shell.run(platform.root, Map.of("HOME", platform.home.toString()), line);
    }

    @Override
    public void close() throws InterruptedException {
        master.destroy();
        if (!master.waitFor(10, TimeUnit.SECONDS)) {
            master.destroyForcibly();
        }
    }
}
