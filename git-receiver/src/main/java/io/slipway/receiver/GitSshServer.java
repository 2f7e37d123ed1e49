package io.slipway.receiver;

import io.slipway.core.DaemonThreads;
import io.slipway.core.access.Access;
import io.slipway.core.store.Apps;
import io.slipway.core.store.Audit;
import io.slipway.core.store.Users;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.keyprovider.SimpleGeneratorHostKeyProvider;

/**
 * The SSH front door: public-key sign-in only, git push/fetch to {@code APP.git}, and the
 * platform commands. The host key is generated once under the data dir and kept.
 */
public final class GitSshServer implements AutoCloseable {

    private final SshServer sshd;
    private final ExecutorService executor;

    private GitSshServer(SshServer sshd, ExecutorService executor) {
        this.sshd = sshd;
        this.executor = executor;
    }

    /** Collaborators of the SSH server. */
    public record Wiring(Users users, Apps apps, Repositories repositories, DeployPipeline pipeline,
                         AppLifecycle lifecycle, Access access, Audit audit, PlatformCommands commands) {
    }

    public static GitSshServer start(String host, int port, Path hostKey, Wiring wiring) throws IOException {
        ExecutorService executor = Executors.newCachedThreadPool(DaemonThreads.named("ssh-command"));
        SshServer sshd = SshServer.setUpDefaultServer();
        sshd.setHost(host);
        sshd.setPort(port);
        SimpleGeneratorHostKeyProvider keys = new SimpleGeneratorHostKeyProvider(hostKey);
        keys.setAlgorithm(KeyUtils.EC_ALGORITHM);
        keys.setKeySize(256);
        sshd.setKeyPairProvider(keys);
        // Session channels only (no port forwarding), ending with exit-status before EOF.
        sshd.setChannelFactories(List.of(CommandChannelSession.FACTORY));
        KeyAuthenticator signIn = new KeyAuthenticator(wiring.users());
        sshd.setPublickeyAuthenticator(signIn);
        sshd.setPasswordAuthenticator(null);
        sshd.setKeyboardInteractiveAuthenticator(null);
        GitPackCommand.Context git = new GitPackCommand.Context(wiring.apps(), wiring.repositories(),
                wiring.pipeline(), wiring.lifecycle(), wiring.access(), wiring.audit(), signIn);
        SlipwayCommandFactory factory = new SlipwayCommandFactory(executor, signIn, git, wiring.commands());
        sshd.setCommandFactory(factory);
        sshd.setShellFactory(channel -> factory.createCommand(channel, "help"));
        sshd.start();
        return new GitSshServer(sshd, executor);
    }

    public int port() {
        return sshd.getPort();
    }

    public boolean isOpen() {
        return sshd.isStarted() && sshd.isOpen();
    }

    @Override
    public void close() throws IOException {
        sshd.stop(true);
        executor.shutdownNow();
    }
}
