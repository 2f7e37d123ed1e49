package io.slipway.scheduler;

import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.model.time.ExecutionTime;
import com.cronutils.parser.CronParser;
import io.slipway.core.AppManifest.CronJob;
import io.slipway.core.AppName;
import io.slipway.core.Release;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * app.json {@code cron} entries, run at the top of each matching minute (UTC) as one-off
 * containers of the app's current release, their output in the app's log as {@code cron.N}.
 * {@code concurrency_policy}: allow a second run, forbid it (skip), or replace the running one.
 */
final class CronRunner implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(CronRunner.class);
    private static final CronParser PARSER = new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.UNIX));
    private static final long MAX_RUN_SECONDS = 24 * 3600;

    private final Supervisor supervisor;
    private final Containers containers;
    private final OneOffs oneOffs;
    private final LogStore logs;
    private final SchedulerSettings settings;
    private final Map<String, CompletableFuture<Integer>> running = new ConcurrentHashMap<>();
    private final ScheduledFuture<?> tick;

    CronRunner(Supervisor supervisor, Containers containers, OneOffs oneOffs, LogStore logs, SchedulerSettings settings,
               ScheduledExecutorService timer) {
        this.supervisor = supervisor;
        this.containers = containers;
        this.oneOffs = oneOffs;
        this.logs = logs;
        this.settings = settings;
        ZonedDateTime now = ZonedDateTime.now(ZoneOffset.UTC);
        long delay = Duration.between(now, now.truncatedTo(ChronoUnit.MINUTES).plusMinutes(1)).toMillis();
        this.tick = timer.scheduleAtFixedRate(this::tick, delay, 60_000, TimeUnit.MILLISECONDS);
    }

    private void tick() {
        ZonedDateTime minute = ZonedDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MINUTES);
        supervisor.runtimes.forEach((app, rt) -> {
            Release release = rt.release;
            if (release == null) {
                return;
            }
            List<CronJob> jobs = release.manifest().cron();
            for (int i = 0; i < jobs.size(); i++) {
                CronJob job = jobs.get(i);
                try {
                    if (ExecutionTime.forCron(PARSER.parse(job.schedule())).isMatch(minute)) {
                        start(app, release, i + 1, job);
                    }
                } catch (RuntimeException e) {
                    log.warn("cron.{} of {}: {}", i + 1, app, e.toString());
                }
            }
        });
    }

    private void start(AppName app, Release release, int number, CronJob job) {
        String key = app + "/" + number;
        CompletableFuture<Integer> previous = running.get(key);
        if (previous != null && !previous.isDone()) {
            if (job.concurrencyPolicy().equals("forbid")) {
                logs.event(app, "cron." + number + " skipped: the previous run is still going (concurrency_policy forbid)");
                return;
            }
            if (job.concurrencyPolicy().equals("replace")) {
                logs.event(app, "cron." + number + " replaces its previous run (concurrency_policy replace)");
                containers.list(app.value(), "cron").stream().filter(o -> ("cron." + number).equals(o.instance()))
                        .forEach(o -> containers.kill(o.id()));
            }
        }
        logs.event(app, "cron." + number + " starting: " + job.command());
        InstanceSpec spec = InstanceSpec.oneOff(release, "cron", number, "cron", List.of(job.command()), settings.memoryBytes());
        CompletableFuture<Integer> run = CompletableFuture.supplyAsync(() ->
                oneOffs.runLogged(spec, line -> logs.write(app, "cron." + number, line), MAX_RUN_SECONDS));
        run.thenAccept(status -> logs.event(app, "cron." + number + " exited with status " + status));
        running.put(key, run);
    }

    @Override
    public void close() {
        tick.cancel(false);
    }
}
