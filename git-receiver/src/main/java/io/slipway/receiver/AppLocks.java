package io.slipway.receiver;

import io.slipway.core.AppName;
import io.slipway.core.PushLog;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/** One deploy at a time per app; deploys of different apps run in parallel. */
public final class AppLocks {

    private final Map<AppName, ReentrantLock> locks = new ConcurrentHashMap<>();

    /** Takes the app's lock, telling the user when they have to wait for it. */
    public AutoCloseable acquire(AppName app, PushLog log) {
        ReentrantLock lock = locks.computeIfAbsent(app, a -> new ReentrantLock(true));
        if (!lock.tryLock()) {
            log.step("Waiting for another deploy of " + app + " to finish");
            lock.lock();
        }
        return lock::unlock;
    }
}
