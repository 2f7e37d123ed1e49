package io.slipway.receiver;

import io.slipway.core.AppName;
import io.slipway.core.BuildFailedException;
import io.slipway.core.PushLog;
import io.slipway.core.SlipwayException;
import io.slipway.core.access.Access;
import io.slipway.core.access.AccessDeniedException;
import io.slipway.core.access.Right;
import io.slipway.core.store.Apps;
import io.slipway.core.store.Audit;
import io.slipway.core.store.Users;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.transport.ReceiveCommand;
import org.eclipse.jgit.transport.ReceivePack;
import org.eclipse.jgit.transport.UploadPack;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code git-receive-pack} and {@code git-upload-pack} for an app's repository. A push to the
 * deploy branch builds and deploys in the pre-receive hook, so the branch moves only when the
 * new release is live, and the pusher sees every line as git {@code remote:} output.
 */
final class GitPackCommand extends ThreadedCommand {

    static final Set<String> DEPLOY_BRANCHES = Set.of("refs/heads/master", "refs/heads/main");
    private static final Logger log = LoggerFactory.getLogger(GitPackCommand.class);

    /** Collaborators shared by every git command. */
    record Context(Apps apps, Repositories repositories, DeployPipeline pipeline, AppLifecycle lifecycle, Access access,
                   Audit audit, KeyAuthenticator keys) {
    }

    private final boolean receive;
    private final AppName app;
    private final Context context;

    GitPackCommand(ExecutorService executor, boolean receive, AppName app, Context context) {
        super(executor);
        this.receive = receive;
        this.app = app;
        this.context = context;
    }

    @Override
    int run(Io io) throws IOException {
        InputStream in = io.in();
        OutputStream out = io.out();
        OutputStream err = io.err();
        Users.User user = context.keys().user(io.session());
        String command = (receive ? "git push " : "git fetch ") + app;
        try {
            if (receive && context.apps().find(app).isEmpty()) {
                context.lifecycle().create(app, user);
                context.audit().record(user.name(), app.value(), "git push " + app + " (created the app)", "ok");
                log.info("{} created {}", user.name(), app);
            } else {
                context.access().require(user, app, receive ? Right.DEPLOY : Right.READ);
            }
        } catch (AccessDeniedException e) {
            context.audit().record(user.name(), app.value(), command, "refused: " + e.getMessage());
            throw e;
        }
        Apps.App found = context.apps().find(app).orElseThrow();
        if (found.saas()) {
            throw new SlipwayException("app " + app + " is a SaaS app created from template " + found.template()
                    + ": it has no repository. Run 'apps:upgrade " + app + "' to get its code as a repository you"
                    + " can clone and push to");
        }
        if (receive) {
            try (Repository repository = context.repositories().openOrCreate(app)) {
                ReceivePack pack = new ReceivePack(repository);
                pack.setAllowNonFastForwards(true);
                pack.setPreReceiveHook((rp, commands) -> deploy(rp, repository, commands));
                pack.receive(in, out, err);
            }
        } else {
            if (!context.repositories().exists(app)) {
                throw new SlipwayException("app " + app + " has no code yet; push to it first");
            }
            try (Repository repository = context.repositories().openOrCreate(app)) {
                new UploadPack(repository).upload(in, out, err);
            }
        }
        return 0;
    }

    /** A CNB buildpack (buildpack.toml) or a Heroku classic one (bin/compile) with no app beside it. */
    private static boolean isBuildpack(GitSourceTree source) {
        boolean cnb = source.file("buildpack.toml").map(b -> new String(b, StandardCharsets.UTF_8))
                .filter(t -> t.contains("[buildpack]")).isPresent();
        boolean classic = source.file("bin/compile").isPresent() && source.file("bin/detect").isPresent();
        boolean app = source.file("Procfile").isPresent() || source.file("Dockerfile").isPresent();
        return (cnb || classic) && !app;
    }

    private void deploy(ReceivePack pack, Repository repository, Collection<ReceiveCommand> commands) {
        PushLog push = line -> {
            OutputStream messages = pack.getMessageOutputStream();
            try {
                messages.write((line + "\n").getBytes(StandardCharsets.UTF_8));
                messages.flush();
            } catch (IOException e) {
                log.debug("pusher went away: {}", e.getMessage());
            }
        };
        for (ReceiveCommand command : commands) {
            if (command.getResult() != ReceiveCommand.Result.NOT_ATTEMPTED) {
                continue;
            }
            if (!DEPLOY_BRANCHES.contains(command.getRefName())) {
                push.step("Pushed " + command.getRefName() + ": not deploying (only master or main deploy)");
                continue;
            }
            if (command.getType() == ReceiveCommand.Type.DELETE) {
                command.setResult(ReceiveCommand.Result.REJECTED_OTHER_REASON, "the deploy branch cannot be deleted");
                continue;
            }
            GitSourceTree source = new GitSourceTree(repository, command.getNewId());
            if (isBuildpack(source)) {
                push.step("This repository is a buildpack: stored, not deployed");
                push.info("use it from other apps with BUILDPACK_URL=app:" + app + ", or app:" + app
                        + " in .buildpacks or app.json buildpacks");
                continue;
            }
            String unchanged = unchangedNote();
            try {
                context.pipeline().deploy(app, command.getNewId().name(), source, push);
            } catch (BuildFailedException e) {
                push.error("Build failed in the " + e.phase() + " phase: " + e.getMessage());
                push.error(unchanged);
                command.setResult(ReceiveCommand.Result.REJECTED_OTHER_REASON, "build failed");
            } catch (SlipwayException e) {
                push.error("Deploy failed: " + e.getMessage());
                push.error(unchanged);
                command.setResult(ReceiveCommand.Result.REJECTED_OTHER_REASON, "deploy failed");
            } catch (Exception e) {
                log.error("deploy of {} failed", app, e);
                push.error("Deploy failed: internal error (" + e + "); the operator's log has details.");
                command.setResult(ReceiveCommand.Result.REJECTED_OTHER_REASON, "deploy failed");
            }
        }
    }

    /** What a failed push left serving, said after its error. */
    private String unchangedNote() {
        try {
            return context.pipeline().current(app).map(label -> "The current release, " + label + ", is unchanged.")
                    .orElse("No release of " + app + " has deployed yet: fix this and push again.");
        } catch (RuntimeException e) {
            return "The release that was serving, if any, is unchanged.";
        }
    }
}
