package io.slipway.addons;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One change at a time per add-on (create, expose, restore, destroy, a scheduled backup); the
 * supervisor leaves an add-on alone while a change holds it.
 */
final class AddonLocks {

    private final Map<AddonRef, ReentrantLock> locks = new ConcurrentHashMap<>();

    /** A held lock, released by closing it. */
    interface Held extends AutoCloseable {
        @Override
        void close();
    }

    Held lock(AddonRef ref) {
        ReentrantLock lock = locks.computeIfAbsent(ref, r -> new ReentrantLock(true));
        lock.lock();
        return lock::unlock;
    }

    /** The lock if it is free now, else null. */
    Held tryLock(AddonRef ref) {
        ReentrantLock lock = locks.computeIfAbsent(ref, r -> new ReentrantLock(true));
        return lock.tryLock() ? lock::unlock : null;
    }
}
