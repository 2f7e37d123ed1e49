package io.slipway.receiver;

import io.slipway.core.Addons;
import io.slipway.core.AppName;
import io.slipway.core.Builder;
import io.slipway.core.InvalidInputException;
import io.slipway.core.Scheduler;
import io.slipway.core.event.AppCreated;
import io.slipway.core.event.AppRemoved;
import io.slipway.core.event.DomainsChanged;
import io.slipway.core.event.EventBus;
import io.slipway.core.store.Apps;
import io.slipway.core.store.Domains;
import io.slipway.core.store.Users;

/** Creating and destroying apps, with everything that comes and goes with them. */
public final class AppLifecycle {

    private final Apps apps;
    private final Users users;
    private final Domains domains;
    private final Repositories repositories;
    private final Builder builder;
    private final Scheduler scheduler;
    private final Addons addons;
    private final EventBus events;

    public AppLifecycle(Apps apps, Users users, Domains domains, Repositories repositories, Builder builder,
                        Scheduler scheduler, Addons addons, EventBus events) {
        this.apps = apps;
        this.users = users;
        this.domains = domains;
        this.repositories = repositories;
        this.builder = builder;
        this.scheduler = scheduler;
        this.addons = addons;
        this.events = events;
    }

    /**
     * Creates the app for {@code owner}; refuses a name that is taken. An app of an agent or of
     * an agent's user also answers under the agent's domain ({@code APP.agent-domain}).
     */
    public Apps.App create(AppName app, Users.User owner) {
        if (!apps.createIfAbsent(app, owner.name())) {
            throw new InvalidInputException("app " + app + " already exists; choose another name");
        }
        String agentDomain = owner.role() == Users.Role.AGENT ? owner.domain()
                : users.find(owner.agent()).map(Users.User::domain).orElse("");
        events.publish(new AppCreated(app));
        if (!agentDomain.isEmpty()) {
            domains.add(app, app + "." + agentDomain);
            events.publish(new DomainsChanged(app, domains.of(app)));
        }
        return apps.find(app).orElseThrow();
    }

    /** {@code use} run on the files of {@code commit} as pushed to the app, if its repository has that commit. */
    public <T> java.util.Optional<T> withSource(AppName app, String commit, Repositories.SourceUse<T> use)
            throws Exception {
        return repositories.withCommit(app, commit, use);
    }

    /** Stops the app's instances and removes its add-ons, images, cache, repository, config, releases and logs. */
    public void destroy(AppName app) {
        scheduler.remove(app);
        addons.destroyAll(app, io.slipway.core.PushLog.NOTHING);
        builder.remove(app);
        repositories.delete(app);
        apps.delete(app);
        events.publish(new AppRemoved(app));
    }
}
