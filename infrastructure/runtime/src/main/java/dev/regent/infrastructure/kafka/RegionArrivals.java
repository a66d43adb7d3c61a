package dev.regent.infrastructure.kafka;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Tells a region's processors that mirrored records were fetched, so that an idle processor sleeps instead of
 * polling its streams in short slices. Signalled once per fetched batch, by every processor's {@link
 * ArrivalOrderBuffer}; a processor woken by another's records checks its own streams and goes back to sleep.
 */
public final class RegionArrivals {

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition arrived = lock.newCondition();
    private volatile long generation;

    /** Read before looking at the streams: a record fetched after this is seen by {@link #awaitAfter}. */
    public long generation() {
        return generation;
    }

    void signal() {
        lock.lock();
        try {
            generation++;
            arrived.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Waits until something arrived after {@code seen} was read, or {@code timeout} passed. */
    public void awaitAfter(long seen, long timeout, TimeUnit unit) throws InterruptedException {
        long nanos = unit.toNanos(timeout);
        lock.lock();
        try {
            while (generation == seen && nanos > 0) {
                nanos = arrived.awaitNanos(nanos);
            }
        } finally {
            lock.unlock();
        }
    }
}
