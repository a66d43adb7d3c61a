package dev.regent.infrastructure.kafka;

import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.TrackedEventMessage;

import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A processor's stream over its region's store and mirrored topics, waiting for events without busy polling.
 *
 * <p>Axon's multi-source stream long-polls one source in slices of a tenth of the processor's availability timeout
 * and checks the others between slices, so the timeout had to stay short (100 ms) for the other source's latency —
 * and every time it passed without events the processor extended its token claim in a transaction: ten per second per
 * processor, some 270 a second for an idle three-region stack. Here the wait is Regent's: a mirrored record fetched
 * or a new event appended or read from the store wakes the processor at once ({@link RegionArrivals}); without one
 * it looks every {@link #IDLE_CHECK_MILLIS} ms ({@link #BUSY_CHECK_MILLIS} ms for a second after a signal), and the
 * timeout can be long.
 */
final class ArrivalAwareStream implements BlockingStream<TrackedEventMessage<?>> {

    /**
     * How often an idle processor looks at its streams without a signal: a safety net (new events signal, see {@link
     * ArrivalSignallingStorageEngine}), and the most an event appended by another process waits beyond Axon's own
     * fetch delay.
     */
    static final long IDLE_CHECK_MILLIS = 250;

    /**
     * How often a busy processor (one signalled within the last second) looks without a signal. A signal does not
     * always find its event at once: Axon's store may serve this processor from a stream of its own, which the
     * signal can precede; looking again soon keeps that from costing a quarter of a second.
     */
    static final long BUSY_CHECK_MILLIS = 10;

    private static final long BUSY_FOR_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final BlockingStream<TrackedEventMessage<?>> delegate;
    private final RegionArrivals arrivals;
    private final long idleCheckNanos;
    private final long busyCheckNanos;
    private long busyUntil = System.nanoTime();

    ArrivalAwareStream(BlockingStream<TrackedEventMessage<?>> delegate, RegionArrivals arrivals) {
        this(delegate, arrivals, IDLE_CHECK_MILLIS, BUSY_CHECK_MILLIS, TimeUnit.MILLISECONDS);
    }

    ArrivalAwareStream(BlockingStream<TrackedEventMessage<?>> delegate, RegionArrivals arrivals, long idleCheck,
                       long busyCheck, TimeUnit unit) {
        this.delegate = delegate;
        this.arrivals = arrivals;
        this.idleCheckNanos = unit.toNanos(idleCheck);
        this.busyCheckNanos = unit.toNanos(busyCheck);
    }

    @Override
    public boolean hasNextAvailable(int timeout, TimeUnit unit) throws InterruptedException {
        long deadline = System.nanoTime() + unit.toNanos(timeout);
        while (true) {
            long seen = arrivals.generation();
            if (delegate.hasNextAvailable()) {
                return true;
            }
            long now = System.nanoTime();
            long left = deadline - now;
            if (left <= 0) {
                return false;
            }
            long check = now - busyUntil < 0 ? busyCheckNanos : idleCheckNanos;
            arrivals.awaitAfter(seen, Math.min(left, check), TimeUnit.NANOSECONDS);
            if (arrivals.generation() != seen) {
                busyUntil = System.nanoTime() + BUSY_FOR_NANOS;
            }
        }
    }

    @Override
    public boolean hasNextAvailable() {
        return delegate.hasNextAvailable();
    }

    @Override
    public Optional<TrackedEventMessage<?>> peek() {
        return delegate.peek();
    }

    @Override
    public TrackedEventMessage<?> nextAvailable() throws InterruptedException {
        return delegate.nextAvailable();
    }

    @Override
    public void close() {
        delegate.close();
    }

    @Override
    public Stream<TrackedEventMessage<?>> asStream() {
        return delegate.asStream();
    }

    @Override
    public void skipMessagesWithPayloadTypeOf(TrackedEventMessage<?> ignoredMessage) {
        delegate.skipMessagesWithPayloadTypeOf(ignoredMessage);
    }

    @Override
    public boolean setOnAvailableCallback(Runnable callback) {
        return delegate.setOnAvailableCallback(callback);
    }
}
