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
 * or a new event read from the store wakes the processor at once ({@link RegionArrivals}); without either it looks
 * every {@link #LOCAL_CHECK_MILLIS} ms, and the timeout can be long.
 */
final class ArrivalAwareStream implements BlockingStream<TrackedEventMessage<?>> {

    /**
     * How often the streams are looked at without a signal: a safety net (the store's new events signal, see {@link
     * ArrivalSignallingStorageEngine}), and the most an event appended by another process waits beyond Axon's own
     * fetch delay.
     */
    static final long LOCAL_CHECK_MILLIS = 250;

    private final BlockingStream<TrackedEventMessage<?>> delegate;
    private final RegionArrivals arrivals;
    private final long localCheckNanos;

    ArrivalAwareStream(BlockingStream<TrackedEventMessage<?>> delegate, RegionArrivals arrivals) {
        this(delegate, arrivals, LOCAL_CHECK_MILLIS, TimeUnit.MILLISECONDS);
    }

    ArrivalAwareStream(BlockingStream<TrackedEventMessage<?>> delegate, RegionArrivals arrivals, long localCheck,
                       TimeUnit unit) {
        this.delegate = delegate;
        this.arrivals = arrivals;
        this.localCheckNanos = unit.toNanos(localCheck);
    }

    @Override
    public boolean hasNextAvailable(int timeout, TimeUnit unit) throws InterruptedException {
        long deadline = System.nanoTime() + unit.toNanos(timeout);
        while (true) {
            long seen = arrivals.generation();
            if (delegate.hasNextAvailable()) {
                return true;
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            arrivals.awaitAfter(seen, Math.min(left, localCheckNanos), TimeUnit.NANOSECONDS);
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
