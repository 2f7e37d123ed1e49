package io.slipway.addons;

import com.cronutils.model.Cron;
import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.model.time.ExecutionTime;
import com.cronutils.parser.CronParser;
import io.slipway.core.InvalidInputException;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Scheduled backups: at the top of each minute (UTC), every add-on whose cron schedule matches
 * is backed up, unless its previous scheduled backup is still running.
 */
final class BackupSchedules implements AutoCloseable {

    static final int MAX_KEEP = io.slipway.core.AddonPlan.MAX_KEEP;
    private static final Logger log = LoggerFactory.getLogger(BackupSchedules.class);
    private static final CronParser PARSER = new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.UNIX));

    private final Supplier<Iterable<AddonRecord>> addons;
    private final Consumer<AddonRef> backup;
    private final Executor workers;
    private final Set<AddonRef> running = ConcurrentHashMap.newKeySet();
    private ScheduledFuture<?> tick;

    BackupSchedules(Supplier<Iterable<AddonRecord>> addons, Consumer<AddonRef> backup, Executor workers) {
        this.addons = addons;
        this.backup = backup;
        this.workers = workers;
    }

    /** A five-field cron expression (minute hour day-of-month month day-of-week), checked. */
    static Cron parse(String expression) {
        if (expression == null || expression.isBlank() || expression.length() > 100) {
            throw new InvalidInputException("give a cron schedule of five fields, e.g. \"0 3 * * *\" (03:00 UTC daily)");
        }
        try {
            return PARSER.parse(expression.strip());
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("invalid cron schedule '" + expression.strip() + "': " + e.getMessage()
                    + "; use five fields, e.g. \"0 3 * * *\" (03:00 UTC daily)");
        }
    }

    static void checkKeep(int keep) {
        if (keep < 1 || keep > MAX_KEEP) {
            throw new InvalidInputException("--keep " + keep + " is out of range: keep 1 to " + MAX_KEEP + " backups");
        }
    }

    static boolean matches(String expression, ZonedDateTime minute) {
        return ExecutionTime.forCron(parse(expression)).isMatch(minute);
    }

    void start(ScheduledExecutorService timer) {
        ZonedDateTime now = ZonedDateTime.now(ZoneOffset.UTC);
        long delay = Duration.between(now, now.truncatedTo(ChronoUnit.MINUTES).plusMinutes(1)).toMillis();
        tick = timer.scheduleAtFixedRate(this::tick, delay, 60_000, TimeUnit.MILLISECONDS);
    }

    void tick() {
        tick(ZonedDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MINUTES));
    }

    void tick(ZonedDateTime minute) {
        for (AddonRecord a : addons.get()) {
            try {
                if (!a.backupSchedule().isEmpty() && matches(a.backupSchedule(), minute) && running.add(a.ref())) {
                    workers.execute(() -> {
                        try {
                            backup.accept(a.ref());
                        } finally {
                            running.remove(a.ref());
                        }
                    });
                }
            } catch (RuntimeException e) {
                log.warn("scheduled backup of add-on {}: {}", a.ref(), e.toString());
            }
        }
    }

    @Override
    public void close() {
        if (tick != null) {
            tick.cancel(false);
        }
    }
}
